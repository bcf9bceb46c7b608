/**
 * The forecast CLI contract, checked from outside as a caller would use it:
 * `npm run -s forecast -- --input sales.csv[.gz] [--events events.csv] --horizon 7 --output out.csv`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../src/domain/dates.js';
import { Random } from '../../src/demo/random.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

async function forecast(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('npm', ['run', '-s', 'forecast', '--', ...args], { cwd: ROOT });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

const readCsv = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => line.split(','));

describe('npm run forecast', () => {
  let dir: string;
  const random = new Random('cli');
  // Two stores; series end on different days; one has no prices; one never sold; "melas" lift one store every 10 days.
  const melas = Array.from({ length: 30 }, (_, k) => addDays('2025-06-04', 10 * k));
  const rows: string[] = ['store_id,sku,date,qty,price'];
  const series = [
    { store: 'S1', sku: 'MILK', end: '2025-11-20', level: 30, price: true },
    { store: 'S1', sku: 'DAL', end: '2025-11-20', level: 4, price: false },
    { store: 'S1', sku: 'SALT', end: '2025-11-20', level: 0, price: true },
    { store: 'S2', sku: 'MILK', end: '2025-11-18', level: 12, price: true },
  ];
  for (const s of series) {
    for (let i = 180; i >= 1; i--) {
      const date = addDays(s.end, -i + 1);
      const lift = s.store === 'S1' && melas.includes(date) ? 3 : 1;
      const qty = random.negativeBinomial(s.level * lift * (dayOfWeek(date) === 0 ? 1.4 : 1), 1.5);
      rows.push(`${s.store},${s.sku},${date},${qty},${s.price ? '29.5' : ''}`);
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'forecast-cli-'));
    await writeFile(join(dir, 'sales.csv'), `${rows.join('\n')}\n`);
    await writeFile(join(dir, 'sales.csv.gz'), gzipSync(`${rows.join('\n')}\n`));
    await writeFile(join(dir, 'events.csv'), `date,name,type\n${melas.map((d) => `${d},mela,Cultural`).join('\n')}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('forecasts every series from the day after its own last date, with ordered ranges', async () => {
    const out = join(dir, 'out.csv');
    const result = await forecast(['--input', join(dir, 'sales.csv'), '--horizon', '7', '--output', out]);
    expect(result.code).toBe(0);
    const [header, ...body] = await readCsv(out);
    expect(header).toEqual(['store_id', 'sku', 'date', 'quantity', 'lower80', 'upper80', 'lower95', 'upper95']);
    expect(body).toHaveLength(series.length * 7);
    for (const s of series) {
      const mine = body.filter((r) => r[0] === s.store && r[1] === s.sku);
      expect(mine.map((r) => r[2])).toEqual(Array.from({ length: 7 }, (_, i) => addDays(s.end, i + 1)));
      for (const r of mine) {
        const [q, lo80, hi80, lo95, hi95] = r.slice(3).map(Number);
        expect(lo95).toBeGreaterThanOrEqual(0);
        expect(lo95!).toBeLessThanOrEqual(lo80!);
        expect(lo80!).toBeLessThanOrEqual(q!);
        expect(q!).toBeLessThanOrEqual(hi80!);
        expect(hi80!).toBeLessThanOrEqual(hi95!);
      }
    }
    expect(body.filter((r) => r[1] === 'SALT').every((r) => r[3] === '0')).toBe(true);
    const milk = body.filter((r) => r[0] === 'S1' && r[1] === 'MILK').map((r) => Number(r[3]));
    expect(milk.reduce((a, b) => a + b, 0) / 7).toBeGreaterThan(20);
    expect(result.stderr).toMatch(/4 series in 2 store/);
  }, 60_000);

  it('reads gzipped input the same, and uses an events file instead of the festival calendar', async () => {
    await forecast(['--input', join(dir, 'sales.csv'), '--output', join(dir, 'plain.csv')]);
    expect((await forecast(['--input', join(dir, 'sales.csv.gz'), '--output', join(dir, 'gz.csv')])).code).toBe(0);
    expect(await readFile(join(dir, 'gz.csv'), 'utf8')).toBe(await readFile(join(dir, 'plain.csv'), 'utf8'));

    expect((await forecast(['--input', join(dir, 'sales.csv'), '--events', join(dir, 'events.csv'), '--output', join(dir, 'events-out.csv')])).code).toBe(0);
    const withEvents = await readCsv(join(dir, 'events-out.csv'));
    const plain = await readCsv(join(dir, 'plain.csv'));
    // 2025-11-21 is a mela day: the S1 store's forecast for it rises with the events file.
    const on = (rowsOf: string[][]) => Number(rowsOf.find((r) => r[0] === 'S1' && r[1] === 'MILK' && r[2] === '2025-11-21')![3]);
    expect(melas).toContain('2025-11-21');
    expect(on(withEvents)).toBeGreaterThan(on(plain) * 1.8);
  }, 60_000);

  it('rejects bad input with a clear message and exit code 2, writing nothing', async () => {
    await writeFile(join(dir, 'nocol.csv'), 'store_id,sku,day,qty\nS,A,2025-01-01,3\n');
    const missing = await forecast(['--input', join(dir, 'nocol.csv'), '--output', join(dir, 'x.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing column\(s\) date/);

    await writeFile(join(dir, 'baddate.csv'), 'store_id,sku,date,qty,price\nS,A,2025-01-01,3,\nS,A,2025-02-30,4,\n');
    const bad = await forecast(['--input', join(dir, 'baddate.csv'), '--output', join(dir, 'y.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 3: date "2025-02-30"/);

    const noArgs = await forecast(['--horizon', 'seven']);
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toMatch(/--input is required[\s\S]*--horizon must be a whole number/);
    await expect(readFile(join(dir, 'y.csv'))).rejects.toThrow();
  }, 60_000);
});

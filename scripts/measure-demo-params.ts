/**
 * Measures the demand shapes the demo generator imitates, on the real daily sales in
 * ../shared/datasets/retail-sales-dev (evaluation-only data: read here, never shipped).
 *
 *   npx tsx scripts/measure-demo-params.ts [path/to/sales.csv]
 *
 * Prints JSON per demand group: level quantiles, share of zero days, a pooled weekly profile,
 * dispersion around a 28-day moving level, and how often and how far prices step. The figures
 * are copied by hand into src/demo/demand-params.ts, which records the date they were measured.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

type Row = { date: string; qty: number; price: number | null };
const path = process.argv[2] ?? '../shared/datasets/retail-sales-dev/sales.csv';

function groupOf(sku: string): string {
  if (sku.startsWith('FOODS')) return 'packaged_food';
  if (sku.startsWith('HOUSEHOLD')) return 'household';
  if (sku.startsWith('CNVEG')) return 'fresh_produce';
  if (sku.startsWith('ATC')) return 'pharmacy';
  return 'hobbies';
}

const quantile = (sorted: number[], q: number): number => {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
};
const round = (x: number, d = 3): number => Number(x.toFixed(d));

async function readSeries(): Promise<Map<string, Row[]>> {
  const series = new Map<string, Row[]>();
  const lines = createInterface({ input: createReadStream(path) });
  let header = true;
  for await (const line of lines) {
    if (header) { header = false; continue; }
    const [store, sku, date, qty, price] = line.split(',');
    const key = `${store}/${sku}`;
    let rows = series.get(key);
    if (!rows) series.set(key, (rows = []));
    rows.push({ date: date!, qty: Number(qty), price: price ? Number(price) : null });
  }
  return series;
}

type SeriesStats = {
  level: number; zeroShare: number; dow: number[]; dispersion: number;
  priceStepsPerYear: number | null; priceStepPct: number[]; upShare: number | null;
};

function measure(rows: Row[]): SeriesStats | null {
  // Days before the first sale are "not yet listed", not demand.
  const first = rows.findIndex((r) => r.qty > 0);
  if (first < 0) return null;
  const live = rows.slice(first);
  if (live.length < 180) return null;
  const qty = live.map((r) => r.qty);
  const level = qty.reduce((a, b) => a + b, 0) / qty.length;
  const zeroShare = qty.filter((q) => q === 0).length / qty.length;

  const dowSum = new Array(7).fill(0);
  const dowN = new Array(7).fill(0);
  live.forEach((r) => {
    const d = new Date(`${r.date}T00:00:00Z`).getUTCDay();
    dowSum[d] += r.qty;
    dowN[d] += 1;
  });
  const dow = dowSum.map((s, d) => (s / dowN[d]) / level);

  // Variance around a centred 28-day level, relative to the mean: 1 = Poisson.
  let ss = 0; let n = 0;
  for (let i = 14; i < qty.length - 14; i++) {
    const window = qty.slice(i - 14, i + 14);
    const ma = window.reduce((a, b) => a + b, 0) / window.length;
    const expected = ma * dow[new Date(`${live[i]!.date}T00:00:00Z`).getUTCDay()]!;
    ss += (qty[i]! - expected) ** 2; n++;
  }
  const dispersion = n > 0 && level > 0 ? ss / n / level : 1;

  const priced = live.filter((r) => r.price !== null);
  let steps = 0; let ups = 0; const stepPct: number[] = [];
  for (let i = 1; i < priced.length; i++) {
    const a = priced[i - 1]!.price!; const b = priced[i]!.price!;
    // Daily mean selling prices wobble with discounts; count only moves of 2 % or more.
    if (Math.abs(b - a) / a >= 0.02) {
      steps++; if (b > a) ups++; stepPct.push(Math.abs(b - a) / a);
    }
  }
  const years = priced.length / 365;
  return {
    level, zeroShare, dow, dispersion,
    priceStepsPerYear: priced.length > 60 ? steps / years : null,
    priceStepPct: stepPct, upShare: steps > 0 ? ups / steps : null,
  };
}

const series = await readSeries();
const groups = new Map<string, SeriesStats[]>();
for (const [key, rows] of series) {
  const stats = measure(rows);
  if (!stats) continue;
  const g = groupOf(key.split('/')[1]!);
  if (!groups.has(g)) groups.set(g, []);
  groups.get(g)!.push(stats);
}

const out: Record<string, unknown> = {};
for (const [g, list] of groups) {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const levels = sorted(list.map((s) => s.level));
  const zeros = sorted(list.map((s) => s.zeroShare));
  const disp = sorted(list.map((s) => s.dispersion));
  // Pooled weekly profile: weight each series' profile by its level so sparse items do not dominate.
  const w = list.reduce((a, s) => a + s.level, 0);
  const dow = [0, 1, 2, 3, 4, 5, 6].map((d) => list.reduce((a, s) => a + s.dow[d]! * s.level, 0) / w);
  const stepsPerYear = sorted(list.flatMap((s) => (s.priceStepsPerYear === null ? [] : [s.priceStepsPerYear])));
  const stepPct = sorted(list.flatMap((s) => s.priceStepPct));
  const upShares = list.flatMap((s) => (s.upShare === null ? [] : [s.upShare]));
  out[g] = {
    series: list.length,
    level: { p10: round(quantile(levels, 0.1)), p50: round(quantile(levels, 0.5)), p90: round(quantile(levels, 0.9)), max: round(levels.at(-1)!) },
    zeroShare: { p10: round(quantile(zeros, 0.1)), p50: round(quantile(zeros, 0.5)), p90: round(quantile(zeros, 0.9)) },
    weeklyProfileSunToSat: dow.map((x) => round(x)),
    dispersion: { p25: round(quantile(disp, 0.25)), p50: round(quantile(disp, 0.5)), p75: round(quantile(disp, 0.75)) },
    priceStepsPerYear: stepsPerYear.length ? round(quantile(stepsPerYear, 0.5)) : null,
    priceStepPct: stepPct.length ? { p50: round(quantile(stepPct, 0.5)), p90: round(quantile(stepPct, 0.9)) } : null,
    priceUpShare: upShares.length ? round(upShares.reduce((a, b) => a + b, 0) / upShares.length) : null,
  };
}
console.log(JSON.stringify(out, null, 2));

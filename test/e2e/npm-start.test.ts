/**
 * The start-up contract, checked from outside as an operator would: `npm start` with no app
 * environment serves the demo, prints its key, answers chat, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** The environment without any of the app's own variables. */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])), ...extra };
}

/** `npm start`, or the server process itself (as a container runs it) with `direct`. */
function start(env: Record<string, string>, direct = false): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const [command, args] = direct ? [join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts']] : ['npm', ['start', '--silent']];
  const child = spawn(command, args, { cwd: ROOT, env: bareEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('npm start', () => {
  let dataDir: string;
  let port: number;
  let server: ReturnType<typeof start>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'npm-start-'));
    port = await freePort();
    server = start({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    server.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz within 30 s and prints the demo API key', async () => {
    const deadline = Date.now() + 30_000;
    let ok = false;
    while (!ok && Date.now() < deadline) {
      ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (!ok) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ok).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.output()).toMatch(/owner API key: bs_live_[A-Za-z0-9_-]{43}/);
  }, 40_000);

  it('answers chat with the printed key, and 401 without it', async () => {
    const key = /owner API key: (\S+)/.exec(server.output())![1]!;
    const ask = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text: 'how much milk tomorrow?' }) });
    const res = await ask({ 'x-api-key': key });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ intent: 'forecast', language: 'en', reply: expect.stringContaining('Milk') });
    expect((await ask({})).status).toBe(401);
  });

  it('reports a demo product\'s price against the bundled market data, and 404 for an unknown sku', async () => {
    const key = /owner API key: (\S+)/.exec(server.output())![1]!;
    const get = (sku: string) => fetch(`http://127.0.0.1:${port}/api/v1/prices/${sku}`, { headers: { 'x-api-key': key } });
    const res = await get('ONION');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { market_range: number[]; sources: Array<Record<string, string>> };
    expect(report).toMatchObject({ sku: 'ONION', current_price: expect.any(Number), market_avg: expect.any(Number), position: expect.any(String), margin: expect.any(Object), recommendation: expect.any(Object), stale: true });
    expect(report.market_range).toHaveLength(2);
    expect(report.sources[0]).toMatchObject({ name: expect.stringContaining('AGMARKNET'), market: expect.any(String), date: '2025-12-27' });
    const unknown = await get('NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const directPort = await freePort();
    const direct = start({ PORT: String(directPort), DATA_DIR: dataDir, LOG_LEVEL: 'info' }, true);
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`http://127.0.0.1:${directPort}/healthz`).then((r) => r.ok, () => false)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    direct.child.kill('SIGTERM');
    expect(await direct.exited).toBe(0);
    expect(direct.output()).toContain('"signal":"SIGTERM"');
  }, 40_000);

  it('refuses to start with bad configuration, naming every bad variable', async () => {
    const bad = start({ PORT: 'eighty', REDIS_URL: 'localhost:6379', DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('PORT:');
    expect(bad.output()).toContain('REDIS_URL: must start with redis://');
  }, 30_000);
});

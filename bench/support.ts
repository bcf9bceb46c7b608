/**
 * Shared set-up for the channel benchmarks: a seeded data directory with extra owner numbers,
 * the server as its own process (as in production), a Twilio stub to receive replies, and a
 * fixed-rate (open-loop) load generator that records each request's latency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import twilio from 'twilio';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const ROOT = join(import.meta.dirname, '..');
export const ACCOUNT_SID = `AC${'9'.repeat(32)}`;
export const AUTH_TOKEN = 'bench-auth-token';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Seeds the demo into a fresh data directory and registers `owners` WhatsApp numbers to its owner. */
export async function seedOwners(owners: number): Promise<{ dataDir: string; phones: string[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', RUN_WORKERS: 'false', LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });
  const phones = Array.from({ length: owners }, (_, i) => `+9196${String(i).padStart(8, '0')}`);
  for (const phone of phones) {
    await app.repos.identities.put({ address: `whatsapp:${phone}`, userId: 'user_demo_owner', storeId: 'demo-kirana', createdAt: new Date().toISOString() });
  }
  await app.close();
  return { dataDir, phones };
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** The server process itself (tsx src/main.ts), with its output kept for errors. */
export async function spawnServer(env: Record<string, string>): Promise<Server> {
  const port = Number(env.PORT);
  // BENCH_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await sleep(100);
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function signedWebhook(baseUrl: string, publicBaseUrl: string, params: Record<string, string>): Promise<Response> {
  const path = '/webhooks/twilio/inbound';
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicBaseUrl}${path}`, params),
    },
    body: new URLSearchParams(params),
  });
}

let sids = 0;
export const newMessageSid = () => `SM${(Date.now() * 1000 + sids++).toString(16).padStart(32, '0')}`;

export interface RunResult {
  latencies: number[];
  errors: number;
  /** Failed requests by HTTP status (0: no answer). */
  failures: Record<number, number>;
  seconds: number;
}

/** Fires `count` requests at `rate` per second, on schedule whether or not earlier ones answered. */
export async function openLoop(count: number, rate: number, fire: (i: number) => Promise<Response>): Promise<RunResult> {
  const latencies: number[] = [];
  const failures: Record<number, number> = {};
  let errors = 0;
  const fail = (status: number) => {
    errors++;
    failures[status] = (failures[status] ?? 0) + 1;
  };
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const sent = performance.now();
    pending.push(
      fire(i).then(
        async (res) => {
          await res.arrayBuffer();
          if (res.ok) latencies.push(performance.now() - sent);
          else fail(res.status);
        },
        () => fail(0),
      ),
    );
  }
  await Promise.all(pending);
  return { latencies, errors, failures, seconds: (performance.now() - start) / 1000 };
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN;
}

export function summarise(label: string, result: RunResult): { p50: number; p99: number } {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p95 = percentile(sorted, 0.95);
  const p99 = percentile(sorted, 0.99);
  console.log(
    `${label.padEnd(28)} n=${sorted.length} errors=${result.errors}${result.errors ? ` ${JSON.stringify(result.failures)}` : ''}  p50=${p50.toFixed(1)} ms  p95=${p95.toFixed(1)} ms  p99=${p99.toFixed(1)} ms  max=${sorted.at(-1)?.toFixed(1)} ms  ${(sorted.length / result.seconds).toFixed(0)} req/s`,
  );
  return { p50, p99 };
}

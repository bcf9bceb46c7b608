/**
 * `npm run bench:chat`: server-side chat latency on the embedded defaults (template replies,
 * in-process queue), beside GET /healthz in the same process as the baseline.
 *
 *   npm run bench:chat -- --requests 400 --concurrency 8
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '8' } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const KEY = 'bs_bench_key_0123456789abcdef';
const QUESTIONS = ['how much milk tomorrow?', 'onion forecast next week', 'what should I order?', 'how much sugar today', 'help'];

const dataDir = await mkdtemp(join(tmpdir(), 'bench-chat-'));
const app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_API_KEY: KEY, LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });

async function run(label: string, send: (i: number) => Promise<Response>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(`${label.padEnd(10)} n=${times.length}  p50=${q(0.5).toFixed(2)} ms  p95=${q(0.95).toFixed(2)} ms  p99=${q(0.99).toFixed(2)} ms  ${(times.length / seconds).toFixed(0)} req/s`);
  return [q(0.5), q(0.95)];
}

try {
  console.log(`embedded defaults, ${requests} requests, ${concurrency} at a time`);
  const [h50, h95] = await run('healthz', () => fetch(`${app.url}/healthz`));
  const [c50, c95] = await run('chat', (i) =>
    fetch(`${app.url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length] }),
    }),
  );
  console.log(`chat / healthz: p50 ×${(c50! / h50!).toFixed(1)}, p95 ×${(c95! / h95!).toFixed(1)}`);
} finally {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}

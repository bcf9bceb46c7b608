/**
 * `npm run bench:chat`: chat latency, each owner in their own conversation, as the client sees it
 * and server-side (the Server-Timing header: from the request's arrival to the response's head).
 *   1. GET /healthz, the baseline, in the same process;
 *   2. the template copilot (embedded defaults);
 *   3. the Bedrock copilot against a local Converse stub that takes 800 ms per call.
 *
 *   npm run bench:chat -- --requests 400 --owners 8 --llm-owners 20 --llm-requests 200 --llm-delay 800
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateApiKey, hashApiKey } from '../src/domain/api-key.js';
import { DEMO_STORE_ID } from '../src/demo/seed.js';
import { createLogger } from '../src/logger.js';
import { percentile } from './support.js';
import { startBedrockStub, type ConverseBody } from '../test/support/bedrock-stub.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '400' },
    owners: { type: 'string', default: '8' },
    'llm-requests': { type: 'string', default: '200' },
    'llm-owners': { type: 'string', default: '20' },
    'llm-delay': { type: 'string', default: '800' },
  },
});
const QUESTIONS = ['how much milk tomorrow?', 'is my onion too expensive?', 'what should I order?', 'how much sugar today', 'how is my shop doing?'];
// Every owner asks as much as the bench needs: the per-store budget is not what is measured here.
// As production runs: no response-schema checks (a development aid), a configured PII key.
const BENCH_ENV = {
  NODE_ENV: 'production', PII_KEY: randomBytes(32).toString('base64'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000000', FORECAST_SCHEDULE_INTERVAL_MS: '0', PRICE_REFRESH_INTERVAL_MS: '0',
};

/** Owners of the demo store, one API key each, so each chats in a conversation of their own. */
async function owners(app: App, count: number): Promise<string[]> {
  // Warm up as the nightly batch would: today's forecasts and the market snapshot are in cache.
  for (const text of QUESTIONS) await (await chat(app, await demoKey(app), text)).arrayBuffer();
  const at = new Date().toISOString();
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `user_bench_${i}`;
    await app.repos.users.put({ userId, role: 'owner', storeId: DEMO_STORE_ID, language: 'en', createdAt: at });
    const key = generateApiKey();
    await app.repos.apiKeys.put({ keyHash: hashApiKey(key), storeId: DEMO_STORE_ID, userId, role: 'owner', label: 'bench', createdAt: at });
    keys.push(key);
  }
  return keys;
}

/** Sends `requests` requests, one at a time per worker, `workers` at once; prints and returns p50/p95. */
async function run(label: string, requests: number, workers: number, send: (i: number, worker: number) => Promise<Response>, check?: (body: { via?: string }) => void): Promise<[number, number]> {
  const times: number[] = [];
  const serverTimes: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        const res = await send(i, worker);
        const body = (await res.json().catch(() => ({}))) as { via?: string };
        if (!res.ok) throw new Error(`${label}: HTTP ${res.status} ${JSON.stringify(body)}`);
        times.push(performance.now() - t);
        serverTimes.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
        check?.(body);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const quantile = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p);
  const q = (p: number) => quantile(times, p);
  const s = (p: number) => quantile(serverTimes, p);
  console.log(
    `${label.padEnd(16)} n=${times.length}  client p50=${q(0.5).toFixed(1)} p95=${q(0.95).toFixed(1)} p99=${q(0.99).toFixed(1)} ms` +
      `  server p50=${s(0.5).toFixed(1)} p95=${s(0.95).toFixed(1)} ms  ${(times.length / seconds).toFixed(0)} req/s`,
  );
  return [s(0.5), s(0.95)];
}

const demoKey = async (app: App) => app.demo!.apiKey;

const chat = (app: App, key: string, text: string) =>
  fetch(`${app.url}/api/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ text }) });

async function withApp<T>(env: Record<string, string>, work: (app: App) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-chat-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, ...BENCH_ENV, ...env }), { logger: createLogger('silent') });
  try {
    return await work(app);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const requests = Number(values.requests);
const workers = Number(values.owners);
const [h50, h95, c50, c95] = await withApp({}, async (app) => {
  const keys = await owners(app, workers);
  console.log(`template copilot: ${requests} requests, ${workers} owners at once`);
  await run('chat, 1 at once', requests / 4, 1, (i) => chat(app, keys[0]!, QUESTIONS[i % QUESTIONS.length]!));
  const health = await run('healthz', requests, workers, () => fetch(`${app.url}/healthz`));
  const template = await run('chat (template)', requests, workers, (i, w) => chat(app, keys[w]!, QUESTIONS[i % QUESTIONS.length]!));
  return [...health, ...template];
});
console.log(`chat / healthz: p50 ×${(c50 / h50).toFixed(1)}, p95 ×${(c95 / h95).toFixed(1)}`);

const delay = Number(values['llm-delay']);
const llmOwners = Number(values['llm-owners']);
const stub = await startBedrockStub();
process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
try {
  // The stub rewords the draft it is given, so its answers pass the grounding check.
  stub.script((_model, body) => {
    const prompt = typeof body === 'string' ? body : ((body as ConverseBody).messages ?? []).map((m) => m.content.map((c) => c.text).join('')).join('\n');
    return { text: `Here is what I see. ${prompt.split(/Draft reply[^\n]*\n/)[1] ?? ''}`, delayMs: delay };
  });
  const counts = { llm: 0, template: 0 };
  const [l50, l95] = await withApp({ COPILOT: 'bedrock', BEDROCK_ENDPOINT: stub.url, COPILOT_TIMEOUT_MS: '5000' }, async (app) => {
    const keys = await owners(app, llmOwners);
    console.log(`\nBedrock copilot, stub answering in ${delay} ms: ${values['llm-requests']} requests, ${llmOwners} owners at once`);
    return run('chat (LLM stub)', Number(values['llm-requests']), llmOwners, (i, w) => chat(app, keys[w]!, QUESTIONS[i % QUESTIONS.length]!), (b) => void counts[b.via === 'template' ? 'template' : 'llm']++);
  });
  console.log(`replies phrased by the model: ${counts.llm}, by the template: ${counts.template} (intents without facts, like help, skip the model)`);
  console.log(`LLM chat p50 − stub delay: ${(l50 - delay).toFixed(1)} ms; p95 − stub delay: ${(l95 - delay).toFixed(1)} ms`);
} finally {
  await stub.close();
}

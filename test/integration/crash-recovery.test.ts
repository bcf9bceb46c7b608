/**
 * Crashes, checked with real processes: the app killed with SIGKILL mid-turn and mid-send, and
 * Redis killed and restarted empty. After each, every owner gets each reply exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/storage/repositories.js';
import { SqliteTables } from '../../src/storage/sqlite/sqlite-tables.adapter.js';
import { createPrivacy } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { freePort, spawnApp, startRedis, type AppProcess, type RedisProcess } from '../support/processes.js';
import { startTwilioStub, type TwilioStub } from '../support/twilio-stub.js';
import { eventually, messageSid, OWNER_PHONE } from '../support/app-harness.js';

const ACCOUNT_SID = `AC${'4'.repeat(32)}`;
const AUTH_TOKEN = 'crash-test-token';

let redis: RedisProcess;
let stub: TwilioStub;
let dataDir: string;
let port: number;
let app: AppProcess | undefined;

const env = () => ({
  DATA_DIR: dataDir,
  REDIS_URL: redis.url,
  QUEUE_PREFIX: 'crash',
  LOG_LEVEL: 'warn',
  PUBLIC_BASE_URL: `http://localhost:${port}`,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_WHATSAPP_FROM: '+14155238886',
  TWILIO_API_BASE_URL: stub.url,
  TWILIO_TIMEOUT_MS: '8000',
  // Fast recovery for the test: dead workers' jobs and leases are noticed within seconds.
  QUEUE_LOCK_MS: '1000',
  QUEUE_STALLED_INTERVAL_MS: '1000',
  CONVERSATION_LEASE_SECONDS: '2',
  SWEEP_INTERVAL_MS: '300',
  SWEEP_AFTER_MS: '1000',
  DEMO_API_KEY: 'bs_crash_test_key_0123456789',
});

async function webhook(params: Record<string, string>): Promise<number> {
  const path = '/webhooks/twilio/inbound';
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `http://localhost:${port}${path}`, params);
  const res = await fetch(`${app!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params),
  }).catch(() => undefined);
  return res?.status ?? 0;
}

/** Opens the running app's SQLite file alongside it (WAL lets a second connection in). */
async function withAppTables<R>(work: (repos: Repositories) => Promise<R>): Promise<R> {
  const tables = new SqliteTables(join(dataDir, 'bharatsense.sqlite'));
  try {
    return await work(createRepositories(tables, await createPrivacy(loadConfig({ DATA_DIR: dataDir }))));
  } finally {
    await tables.close();
  }
}

/** Numbers registered to the demo owner, one per message, so replies can be told apart. */
async function numbers(count: number, from: number): Promise<string[]> {
  const phones = Array.from({ length: count }, (_, i) => `+9197000${String(from + i).padStart(5, '0')}`);
  await withAppTables(async (repos) => {
    for (const phone of phones) await repos.identities.put({ address: `whatsapp:${phone}`, userId: 'user_demo_owner', storeId: 'demo-kirana', createdAt: new Date().toISOString() });
  });
  return phones;
}

const readMessage = (messageId: string) => withAppTables((repos) => repos.messages.get({ messageId }));

const message = (phone: string, body = 'how much milk tomorrow?') => ({ MessageSid: messageSid(), From: `whatsapp:${phone}`, To: 'whatsapp:+14155238886', Body: body, NumMedia: '0' });
const repliesTo = (phone: string) => stub.sent.filter((m) => m.to === `whatsapp:${phone}`);

beforeAll(async () => {
  [redis, stub] = await Promise.all([startRedis(), startTwilioStub(ACCOUNT_SID, AUTH_TOKEN)]);
  dataDir = await mkdtemp(join(tmpdir(), 'crash-'));
  port = await freePort();
  app = await spawnApp(env(), port);
}, 90_000);

afterAll(async () => {
  await app?.stop().catch(() => undefined);
  await redis?.stop();
  await stub?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('crash recovery', () => {
  it('a worker killed mid-turn: after restart each owner gets the reply once', async () => {
    const phones = await numbers(6, 100);
    for (const phone of phones) expect(await webhook(message(phone))).toBe(200);
    await app!.kill();
    app = await spawnApp(env(), port);
    await eventually(async () => phones.every((p) => repliesTo(p).length >= 1), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(phones.map((p) => repliesTo(p).length)).toEqual(phones.map(() => 1));
  }, 60_000);

  it('a worker killed mid-send, after Twilio took the message: no second copy', async () => {
    const [phone] = await numbers(1, 200);
    // Twilio creates the message but answers only after the worker is dead.
    stub.fault({ delayMs: 3000 });
    const params = message(phone!);
    expect(await webhook(params)).toBe(200);
    await eventually(async () => repliesTo(phone!).length === 1, 10_000);
    await app!.kill();
    app = await spawnApp(env(), port);
    // The restarted worker finds the send half-done, asks Twilio, and records what it found.
    const reply = await eventually(async () => {
      const stored = await readMessage(`tw_${params.MessageSid}_reply`);
      return stored?.providerSid ? stored : undefined;
    }, 20_000);
    expect(reply.providerSid).toBe(repliesTo(phone!)[0]!.sid);
    await new Promise((r) => setTimeout(r, 1000));
    expect(repliesTo(phone!)).toHaveLength(1);
  }, 60_000);

  it('Redis killed and restarted empty: nothing lost, nothing doubled', async () => {
    const phones = await numbers(4, 300);
    expect(await webhook(message(phones[0]!))).toBe(200);
    expect(await webhook(message(phones[1]!))).toBe(200);
    await redis.kill();
    // While Redis is down, webhooks get 503 and Twilio retries them.
    const during = [message(phones[2]!), message(phones[3]!)];
    for (const params of during) expect(await webhook(params)).toBe(503);
    await redis.start();
    for (const params of during) {
      await eventually(async () => (await webhook(params)) === 200, 15_000);
    }
    await eventually(async () => phones.every((p) => repliesTo(p).length >= 1), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(phones.map((p) => repliesTo(p).length)).toEqual([1, 1, 1, 1]);
  }, 60_000);

  it('still answers the demo owner afterwards', async () => {
    expect(await webhook(message(OWNER_PHONE, 'help'))).toBe(200);
    await eventually(async () => repliesTo(OWNER_PHONE).length === 1, 15_000);
  }, 30_000);
});

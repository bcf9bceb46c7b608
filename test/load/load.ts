/**
 * `npm run load`: simulated owners chatting on WhatsApp for minutes, through signed Twilio
 * webhooks to the real server process (BullMQ on Redis, workers) and back out to a Twilio stub.
 * Each owner sends a realistic message, waits for the reply, reads it for a few seconds, sends
 * the next. Then a stress ramp of open-loop traffic, step by step, until p95 passes 3 s.
 * Ends with one JSON line: {"p50_ms","p95_ms","p99_ms","errors","lost","duplicated",…}.
 *
 *   npm run load -- --minutes 1 --users 100 [--no-ramp]
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ACCOUNT_SID, AUTH_TOKEN, freePort, newMessageSid, openLoop, percentile, REDIS_URL, seedOwners, signedWebhook, spawnServer, type Server } from '../../bench/support.js';
import { createPrivacy } from '../../src/app.js';
import { replyPartIdFor } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { SqliteTables } from '../../src/storage/sqlite/sqlite-tables.adapter.js';
import { startTwilioStub, type TwilioStub } from '../support/twilio-stub.js';
import { stageQuantiles } from './prometheus.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, users: { type: 'string', default: '100' }, 'no-ramp': { type: 'boolean', default: false } } });
const minutes = Number(values.minutes);
const users = Number(values.users);

/** What owners send, in the languages they send it in. */
const MIX = [
  'how much milk tomorrow?', 'kal kitna doodh mangwau?', 'what should I order?', 'pyaz ka bhav kya hai', 'is my rice too expensive?',
  'aaj 20 packet dudh bika', 'how is my shop doing?', 'कल कितनी चीनी चाहिए?', 'நாளைக்கு எவ்வளவு பால் வேணும்?', 'help', 'hi', 'order tomato',
];

const { dataDir, phones } = await seedOwners(users);
const stub = await startTwilioStub(ACCOUNT_SID, AUTH_TOKEN);
const port = await freePort();
const publicBaseUrl = `http://localhost:${port}`;
const server = await spawnServer({
  PORT: String(port), DATA_DIR: dataDir, DEMO_SEED: 'off', REDIS_URL, QUEUE_PREFIX: `load-${process.pid}`, PUBLIC_BASE_URL: publicBaseUrl,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_WHATSAPP_FROM: '+14155238886', TWILIO_API_BASE_URL: stub.url,
  // A WhatsApp Business number sends up to 80 messages a second; owners here read before they write.
  SEND_RATE_PER_SECOND: '80', FLOOD_MAX_PER_MINUTE: '60', FORECAST_SCHEDULE_INTERVAL_MS: '0', PRICE_REFRESH_INTERVAL_MS: '0',
});

/** Replies per phone, as the Twilio stub received them. */
function repliesTo(stub: TwilioStub, phone: string): number {
  let n = 0;
  for (const m of stub.sent) if (m.to === `whatsapp:${phone}`) n++;
  return n;
}

interface Exchange { phone: string; sid: string; sentAt: number; ackMs?: number; replyMs?: number; error?: number }

async function owner(server: Server, phone: string, until: number, log: Exchange[]): Promise<void> {
  let turn = Math.floor(Math.random() * MIX.length);
  // Owners do not all start at once.
  await sleep(Math.random() * 3000);
  while (Date.now() < until) {
    const exchange: Exchange = { phone, sid: newMessageSid(), sentAt: Date.now() };
    log.push(exchange);
    const before = repliesTo(stub, phone);
    const res = await signedWebhook(server.url, publicBaseUrl, { MessageSid: exchange.sid, From: `whatsapp:${phone}`, To: 'whatsapp:+14155238886', Body: MIX[turn++ % MIX.length]!, NumMedia: '0' }).catch(() => undefined);
    exchange.ackMs = Date.now() - exchange.sentAt;
    await res?.arrayBuffer();
    if (!res?.ok) {
      exchange.error = res?.status ?? 0;
    } else {
      // A long answer may come in parts: the first part is the reply the owner sees.
      const deadline = Date.now() + 30_000;
      while (repliesTo(stub, phone) === before && Date.now() < deadline) await sleep(20);
      if (repliesTo(stub, phone) > before) exchange.replyMs = Date.now() - exchange.sentAt;
    }
    await sleep(3000 + Math.random() * 3000);
  }
}

/**
 * From the server's own records: an accepted message whose reply never reached Twilio is lost;
 * a message Twilio received that no stored reply part accounts for is a duplicate.
 */
async function reconcile(sids: string[]): Promise<{ lost: number; duplicated: number }> {
  const tables = new SqliteTables(join(dataDir, 'bharatsense.sqlite'));
  try {
    const repos = createRepositories(tables, await createPrivacy(loadConfig({ DATA_DIR: dataDir })));
    const known = new Set<string>();
    let lost = 0;
    for (const sid of sids) {
      const first = await repos.messages.get({ messageId: replyPartIdFor(`tw_${sid}`, 1) });
      if (!first?.providerSid) {
        lost++;
        continue;
      }
      known.add(first.providerSid);
      for (let part = 2; part <= (first.part?.of ?? 1); part++) {
        const next = await repos.messages.get({ messageId: replyPartIdFor(`tw_${sid}`, part) });
        if (next?.providerSid) known.add(next.providerSid);
      }
    }
    // Only these owners' replies were sent in this phase: any other message Twilio got is a second send.
    return { lost, duplicated: stub.sent.filter((m) => !known.has(m.sid)).length };
  } finally {
    await tables.close();
  }
}

const q = (xs: number[], p: number) => Math.round(percentile([...xs].sort((a, b) => a - b), p));

try {
  console.log(`${users} owners for ${minutes} min, signed webhooks → BullMQ (${REDIS_URL}) → workers → Twilio stub`);
  const log: Exchange[] = [];
  const until = Date.now() + minutes * 60_000;
  await Promise.all(phones.map((phone) => owner(server, phone, until, log)));
  // Stragglers: let the last replies land.
  await sleep(3000);

  const replies = log.flatMap((e) => (e.replyMs === undefined ? [] : [e.replyMs]));
  const acks = log.flatMap((e) => (e.ackMs === undefined || e.error !== undefined ? [] : [e.ackMs]));
  const errors = log.filter((e) => e.error !== undefined).length;
  const { lost, duplicated } = await reconcile(log.filter((e) => e.error === undefined).map((e) => e.sid));
  const stages = await stageQuantiles(server.url);
  console.log(`messages ${log.length} (${(log.length / (minutes * 60)).toFixed(1)}/s)   errors ${errors}   lost ${lost}   duplicated ${duplicated}`);
  console.log(`webhook ack          p50 ${q(acks, 0.5)} ms   p95 ${q(acks, 0.95)} ms   p99 ${q(acks, 0.99)} ms`);
  console.log(`message → reply      p50 ${q(replies, 0.5)} ms   p95 ${q(replies, 0.95)} ms   p99 ${q(replies, 0.99)} ms   (at the Twilio stub)`);
  for (const [stage, s] of Object.entries(stages)) console.log(`  stage ${stage.padEnd(12)} p50 ${s.p50} ms   p95 ${s.p95} ms   p99 ${s.p99} ms   (server histogram)`);

  let breaking: number | null = null;
  if (!values['no-ramp']) {
    console.log('stress ramp: open-loop webhooks, 20 s per step, until p95 (ack → reply) > 3 s');
    for (const rate of [25, 50, 100, 150, 200, 300, 400]) {
      const sentAt = new Map<string, number>();
      const before = stub.sent.length;
      const result = await openLoop(rate * 20, rate, (i) => {
        const sid = newMessageSid();
        sentAt.set(sid, Date.now());
        return signedWebhook(server.url, publicBaseUrl, { MessageSid: sid, From: `whatsapp:${phones[i % phones.length]}`, To: 'whatsapp:+14155238886', Body: MIX[i % MIX.length]!, NumMedia: '0' });
      });
      await sleep(5000);
      const step = stub.sent.slice(before).map((m) => m.createdAt.getTime());
      const started = Math.min(...sentAt.values());
      // Open loop: the n-th reply's delay is how far the pipeline lags the n-th message.
      const arrivals = [...sentAt.values()].sort((a, b) => a - b);
      const lags = step.sort((a, b) => a - b).slice(0, arrivals.length).map((t, i) => t - arrivals[i]!);
      const p95 = q(lags, 0.95);
      console.log(`  ${String(rate).padStart(3)} msg/s: ack errors ${result.errors}, replies ${step.length}/${arrivals.length}, p95 lag ${p95} ms (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      if (p95 > 3000 || step.length < arrivals.length * 0.95) {
        breaking = rate;
        break;
      }
    }
    console.log(breaking ? `breaking point: ${breaking} msg/s` : 'no breaking point up to 400 msg/s');
  }
  console.log(JSON.stringify({ p50_ms: q(replies, 0.5), p95_ms: q(replies, 0.95), p99_ms: q(replies, 0.99), errors, lost, duplicated, messages: log.length, users, minutes, ack_p99_ms: q(acks, 0.99), breaking_point_msg_s: breaking, stages }));
} finally {
  await server.stop();
  await stub.close();
  await rm(dataDir, { recursive: true, force: true });
}

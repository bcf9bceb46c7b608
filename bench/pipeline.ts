/**
 * `npm run bench:pipeline`: owners' WhatsApp messages at a steady rate through the whole
 * pipeline (signed webhook → BullMQ → turn → send → Twilio stub), in the server process.
 * Reports inbound-to-sent latency and counts lost, duplicated and out-of-order replies.
 * Goal: p95 ≤ 300 ms at 50 msg/s, lost = duplicated = out-of-order = 0.
 *
 *   npm run bench:pipeline -- --messages 1000 --owners 100 --rate 50
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createRepositories } from '../src/storage/repositories.js';
import { SqliteTables } from '../src/storage/sqlite/sqlite-tables.adapter.js';
import { createPrivacy } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startTwilioStub } from '../test/support/twilio-stub.js';
import { ACCOUNT_SID, AUTH_TOKEN, freePort, newMessageSid, openLoop, percentile, REDIS_URL, seedOwners, signedWebhook, spawnServer, summarise } from './support.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    owners: { type: 'string', default: '100' },
    rate: { type: 'string', default: '50' },
    concurrency: { type: 'string' },
  },
});
const count = Number(values.messages);
const rate = Number(values.rate);
const MIX = [
  'how much milk tomorrow?', 'what should I order?', 'onion forecast next week', 'how much sugar today',
  'hi', 'how much atta tomorrow?', 'order tomato', 'help', 'how many eggs tomorrow', 'how much paneer day after tomorrow',
];

const { dataDir, phones } = await seedOwners(Number(values.owners));
const stub = await startTwilioStub(ACCOUNT_SID, AUTH_TOKEN);
const port = await freePort();
const publicBaseUrl = `http://localhost:${port}`;
const server = await spawnServer({
  PORT: String(port),
  DATA_DIR: dataDir,
  DEMO_SEED: 'off',
  REDIS_URL,
  QUEUE_PREFIX: `bench-pipeline-${process.pid}`,
  PUBLIC_BASE_URL: publicBaseUrl,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_WHATSAPP_FROM: '+14155238886',
  TWILIO_API_BASE_URL: stub.url,
  SEND_RATE_PER_SECOND: '100',
  ...(values.concurrency ? { WORKER_CONCURRENCY: values.concurrency } : {}),
});

const sentAt = new Map<string, number>();
const sids: string[] = [];
try {
  console.log(`${count} messages from ${phones.length} owners at ${rate} msg/s; server process with workers, BullMQ on ${REDIS_URL}`);
  const acks = await openLoop(count, rate, (i) => {
    const sid = newMessageSid();
    sids[i] = sid;
    sentAt.set(sid, Date.now());
    return signedWebhook(server.url, publicBaseUrl, {
      MessageSid: sid,
      From: `whatsapp:${phones[i % phones.length]}`,
      To: 'whatsapp:+14155238886',
      Body: MIX[Math.floor(i / phones.length) % MIX.length]!,
      NumMedia: '0',
    });
  });
  summarise('webhook acks', acks);

  // Wait until the replies stop coming (or a minute passes).
  let last = -1;
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 60; waited++) {
    await sleep(1000);
    quiet = stub.sent.length === last ? quiet + 1 : 0;
    last = stub.sent.length;
  }

  const tables = new SqliteTables(join(dataDir, 'bharatsense.sqlite'));
  const repos = createRepositories(tables, await createPrivacy(loadConfig({ DATA_DIR: dataDir })));
  const bySid = new Map(stub.sent.map((m, index) => [m.sid, { ...m, index }]));
  const latencies: number[] = [];
  const arrival = new Map<string, number>();
  let lost = 0;
  for (const sid of sids) {
    const reply = await repos.messages.get({ messageId: `tw_${sid}_reply` });
    const sent = reply?.providerSid ? bySid.get(reply.providerSid) : undefined;
    if (!sent) {
      lost++;
      continue;
    }
    latencies.push(sent.createdAt.getTime() - sentAt.get(sid)!);
    arrival.set(sid, sent.index);
  }
  await tables.close();
  const duplicated = stub.sent.length - arrival.size;
  // Per owner, each reply must reach Twilio after the reply to the message before it.
  let outOfOrder = 0;
  for (let owner = 0; owner < phones.length; owner++) {
    let previous = -1;
    for (let i = owner; i < sids.length; i += phones.length) {
      const index = arrival.get(sids[i]!);
      if (index === undefined) continue;
      if (index < previous) outOfOrder++;
      previous = Math.max(previous, index);
    }
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `inbound → sent to Twilio        n=${latencies.length}  p50=${percentile(latencies, 0.5)} ms  p95=${percentile(latencies, 0.95)} ms  p99=${percentile(latencies, 0.99)} ms  max=${latencies.at(-1)} ms`,
  );
  console.log(`lost=${lost} duplicated=${duplicated} out_of_order=${outOfOrder}   (goal: p95 ≤ 300 ms, all three 0)`);
} finally {
  await server.stop();
  await stub.close();
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * `npm run bench:webhook`: signed Twilio webhooks at a fixed rate against the API process
 * (BullMQ on Redis; workers answering in a second process, or with `--workers same` in the
 * same one; replies to a Twilio stub), with GET /healthz at the same rate as the baseline.
 * Goal: ack p99 ≤ 20 ms at 200 req/s.
 *
 *   npm run bench:webhook -- --rate 200 --seconds 30 [--workers same]
 */
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startTwilioStub } from '../test/support/twilio-stub.js';
import { ACCOUNT_SID, AUTH_TOKEN, freePort, newMessageSid, openLoop, REDIS_URL, seedOwners, signedWebhook, spawnServer, summarise } from './support.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    owners: { type: 'string', default: '200' },
    // same: workers answer in the API process (the embedded shape); separate: in a second process;
    // off: no workers at all, which isolates the acknowledgement path (turns queue up unanswered).
    workers: { type: 'string', default: 'separate' },
  },
});
const rate = Number(values.rate);
const count = Math.round(rate * Number(values.seconds));
const QUESTIONS = ['how much milk tomorrow?', 'what should I order?', 'onion forecast next week', 'help', 'how much sugar today'];

const { dataDir, phones } = await seedOwners(Number(values.owners));
const stub = await startTwilioStub(ACCOUNT_SID, AUTH_TOKEN);
const port = await freePort();
const publicBaseUrl = `http://localhost:${port}`;
const mode = values.workers;
const separate = mode === 'separate';
const common = {
  DATA_DIR: dataDir,
  REDIS_URL,
  QUEUE_PREFIX: `bench-webhook-${process.pid}`,
  PUBLIC_BASE_URL: publicBaseUrl,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_WHATSAPP_FROM: '+14155238886',
  TWILIO_API_BASE_URL: stub.url,
  // Many owners each sending a little: flood control stays out of the way.
  FLOOD_MAX_PER_MINUTE: '1000',
  SEND_RATE_PER_SECOND: '1000',
  DEMO_SEED: 'off',
};
const server = await spawnServer({ ...common, PORT: String(port), RUN_WORKERS: mode === 'same' ? 'true' : 'false' });
const workers = separate ? await spawnServer({ ...common, PORT: String(await freePort()) }) : undefined;

try {
  const shape = { same: 'workers in the same process', separate: 'workers in a second process', off: 'no workers (ack path alone)' }[mode!];
  console.log(`API process, ${shape}, BullMQ on ${REDIS_URL}; ${rate} req/s for ${values.seconds} s`);
  await openLoop(Math.min(200, count), rate, () => fetch(`${server.url}/healthz`)); // warm-up
  const health = summarise('GET /healthz (baseline)', await openLoop(Math.round(rate * 5), rate, () => fetch(`${server.url}/healthz`)));
  const hooks = summarise(
    'POST /webhooks/twilio/inbound',
    await openLoop(count, rate, (i) =>
      signedWebhook(server.url, publicBaseUrl, {
        MessageSid: newMessageSid(),
        From: `whatsapp:${phones[i % phones.length]}`,
        To: 'whatsapp:+14155238886',
        Body: QUESTIONS[i % QUESTIONS.length]!,
        NumMedia: '0',
      }),
    ),
  );
  console.log(`webhook ack vs healthz: p50 ×${(hooks.p50 / health.p50).toFixed(1)}, p99 ×${(hooks.p99 / health.p99).toFixed(1)}  (goal: webhook p99 ≤ 20 ms)`);
} finally {
  await server.stop();
  await workers?.stop();
  await stub.close();
  await rm(dataDir, { recursive: true, force: true });
}

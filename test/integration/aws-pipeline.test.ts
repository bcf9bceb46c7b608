/**
 * The same walking skeleton on the production adapters: DynamoDB (dynalite), S3 (s3rver),
 * Athena (a local stub over the same S3 lake), BullMQ on the real Redis, and Twilio's REST API
 * (a local stub) for replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Blobs } from '../../src/storage/s3/s3-blobs.adapter.js';
import { startAthenaStub, type AthenaStub } from '../support/athena-stub.js';
import { eventually, messageSid, OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';
import { awsClientConfig, LOCAL_CREDENTIALS, startDynalite, startS3rver, type LocalService } from '../support/aws-local.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../support/redis.js';
import { startTwilioStub, type TwilioStub } from '../support/twilio-stub.js';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'test-twilio-auth-token';

let h: Harness;
let dynamo: LocalService;
let s3: LocalService;
let athena: AthenaStub;
let twilio: TwilioStub;
let lakeReader: S3Blobs;
const queuePrefix = randomPrefix('pipeline');

beforeAll(async () => {
  // The AWS SDK takes credentials from its standard environment variables.
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  [dynamo, s3, twilio] = await Promise.all([startDynalite(), startS3rver(['bharatsense-lake']), startTwilioStub(ACCOUNT_SID, AUTH_TOKEN)]);
  lakeReader = new S3Blobs({ bucket: 'bharatsense-lake', client: awsClientConfig(s3.endpoint) });
  athena = await startAthenaStub(lakeReader);
  h = await startApp({
    STORAGE: 'aws',
    AWS_REGION: 'us-east-1',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    S3_BUCKET: 'bharatsense-lake',
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    ATHENA_ENDPOINT: athena.endpoint,
    ATHENA_OUTPUT_LOCATION: 's3://bharatsense-lake/athena-results/',
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_WHATSAPP_FROM: '+14155238886',
    TWILIO_SMS_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
  });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await Promise.all([athena?.close(), twilio?.close(), lakeReader?.close()]);
  await Promise.all([dynamo?.close(), s3?.close()]);
  await deletePrefix(queuePrefix);
});

describe('walking skeleton on AWS adapters', () => {
  it('is ready: DynamoDB, S3, Athena and Redis answer', async () => {
    const ready = await (await h.api('/readyz', { key: null })).json();
    expect(ready).toEqual({ status: 'ready', checks: { tables: 'ok', blobs: 'ok', analytics: 'ok', queue: 'ok' } });
  });

  it('seeded the demo sales into the S3 lake, partitioned by store, year and month', async () => {
    const keys = await lakeReader.list('sales/store_id=demo-kirana/');
    expect(keys.length).toBeGreaterThanOrEqual(13);
    for (const key of keys) expect(key).toMatch(/^sales\/store_id=demo-kirana\/year=\d{4}\/month=\d{2}\/sales\.parquet$/);
  });

  it('answers web chat through BullMQ with a forecast computed from Athena', async () => {
    const before = athena.requests.length;
    const res = await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'how much rice tomorrow?' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ intent: 'forecast', language: 'en' });
    expect(body.reply).toMatch(/Sona Masoori Rice \(loose\).*about \*[\d.,]+ kg\*/s);
    expect(athena.requests.length).toBeGreaterThan(before);
    expect(String(athena.requests.at(-1)!.QueryString)).toContain('"bharatsense"."sales"');
  });

  it('sends a WhatsApp reply through the Twilio API, once per MessageSid', async () => {
    const params = { MessageSid: messageSid(), From: `whatsapp:${OWNER_PHONE}`, To: 'whatsapp:+14155238886', Body: 'how much milk tomorrow?', NumMedia: '0' };
    const acks = await Promise.all([h.webhook(params), h.webhook(params), h.webhook(params)]);
    expect(acks.map((r) => r.status)).toEqual([200, 200, 200]);
    const sent = await eventually(async () => twilio.sent.find((m) => m.to === `whatsapp:${OWNER_PHONE}` && m.body.includes('Amul Taaza Milk')));
    expect(sent.from).toBe('whatsapp:+14155238886');
    await new Promise((r) => setTimeout(r, 300));
    expect(twilio.sent.filter((m) => m.body === sent.body && m.to === sent.to)).toHaveLength(1);
    const stored = await h.app.repos.messages.get({ messageId: `tw_${params.MessageSid}_reply` });
    expect(stored).toMatchObject({ status: 'queued', providerSid: sent.sid });
  });

  it('sends SMS replies from the SMS number', async () => {
    const params = { MessageSid: messageSid(), From: OWNER_PHONE, To: '+15005550006', Body: 'help', NumMedia: '0' };
    expect((await h.webhook(params)).status).toBe(200);
    const sent = await eventually(async () => twilio.sent.find((m) => m.to === OWNER_PHONE));
    expect(sent.from).toBe('+15005550006');
    expect(sent.body).toContain('Forecast');
  });
});

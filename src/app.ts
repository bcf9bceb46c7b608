/**
 * The composition root: config → adapters → services → HTTP server and workers. The only
 * module that knows which adapter backs which port.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createHttpApp } from './api/server.js';
import { Inbox, ReplyWaiter, type TurnDeps } from './bot/index.js';
import type { Config } from './config.js';
import { seedDemo, type DemoCredentials } from './demo/seed.js';
import { createSalesIngest } from './ingest/index.js';
import { createSalesBook } from './ingest/sales-book.js';
import { startSweeper, type Sweeper } from './jobs/sweeper.js';
import { startForecastWorker, startWorkers } from './jobs/workers.js';
import { startForecastSchedule, type ForecastSchedule } from './jobs/forecast-schedule.js';
import { ForecastService } from './forecasting/service.js';
import { startPriceSchedule, startPriceWorker, type PriceSchedule } from './jobs/prices.js';
import { DataGovMandiSource } from './market/agmarknet.js';
import { BundledSnapshotSource } from './market/bundled.js';
import { DcaReportSource } from './market/dca.js';
import { MarketData } from './market/service.js';
import type { MarketSource } from './market/source.js';
import { ForecastArchive } from './storage/forecast-archive.js';
import { createLogger, type Logger } from './logger.js';
import type { DeliveryDeps } from './messaging/delivery.js';
import type { OutboundChannel } from './messaging/outbound.port.js';
import { LocalOutbox } from './messaging/outbox/local-outbox.adapter.js';
import { TwilioOutbound } from './messaging/twilio/twilio-outbound.adapter.js';
import { twilioSignatureCheck } from './messaging/twilio/twilio-signature.js';
import { BullQueueBackend } from './queue/bullmq/bullmq-queue.adapter.js';
import { MemoryQueueBackend } from './queue/memory/memory-queue.adapter.js';
import type { QueueBackend } from './queue/queue.port.js';
import type { SalesAnalytics } from './storage/analytics.port.js';
import { AthenaSalesAnalytics } from './storage/athena/athena-analytics.adapter.js';
import type { Blobs } from './storage/blobs.port.js';
import { DuckDbSalesAnalytics } from './storage/duckdb/duckdb-analytics.adapter.js';
import { DynamoTables } from './storage/dynamodb/dynamodb-tables.adapter.js';
import { FileBlobs } from './storage/files/file-blobs.adapter.js';
import { createRepositories, type Repositories } from './storage/repositories.js';
import { S3Blobs } from './storage/s3/s3-blobs.adapter.js';
import { SalesLake } from './storage/sales-lake.js';
import { CachedSalesAnalytics } from './storage/cached-analytics.js';
import { FORECAST_HISTORY_DAYS, ForecastPool } from './engines/forecast/index.js';
import { createCopilot, type Copilot } from './engines/copilot/index.js';
import { blindIndex, type FieldCipher } from './crypto/field-cipher.port.js';
import { AesGcmCipher, keyFromBase64 } from './crypto/local/aes-gcm-cipher.adapter.js';
import { KmsEnvelopeCipher } from './crypto/kms/kms-envelope-cipher.adapter.js';
import type { Privacy } from './storage/sealed-table.js';
import { sealPlaintextPii } from './storage/pii-migration.js';
import { TokenService } from './api/tokens.js';
import { Metrics } from './observability/metrics.js';
import { startEmfPublisher } from './observability/emf.js';
import type { RateLimiter, RateLimitOptions } from './throttle/rate-limiter.port.js';
import { MemoryRateLimiter } from './throttle/memory/memory-rate-limiter.adapter.js';
import { RedisRateLimiter } from './throttle/redis/redis-rate-limiter.adapter.js';
import { BedrockLanguageModel } from './llm/bedrock/bedrock-llm.adapter.js';
import { todayIn } from './domain/dates.js';
import { ALL_TABLES } from './storage/schema.js';
import { SqliteTables } from './storage/sqlite/sqlite-tables.adapter.js';
import type { Tables } from './storage/tables.port.js';

export interface App {
  url: string;
  repos: Repositories;
  /** The conversation id of a channel address (keyed, so it does not give the phone away). */
  conversationIdFor(address: string): string;
  inbox: Inbox;
  queues: QueueBackend;
  logger: Logger;
  /** The demo's credentials when the demo seed ran. */
  demo?: DemoCredentials & { created: boolean };
  /** The token webhooks are verified with (random per process when Twilio is not configured). */
  webhookAuthToken: string;
  publicBaseUrl: string;
  outbound: OutboundChannel;
  /** Present when this process runs workers. */
  sweeper?: Sweeper;
  close(): Promise<void>;
}

interface Storage {
  tables: Tables;
  blobs: Blobs;
  analytics: SalesAnalytics;
}

function createStorage(config: Config): Storage {
  const dataDir = resolve(config.DATA_DIR);
  if (config.STORAGE === 'local') {
    const lakeRoot = join(dataDir, 'lake');
    return { tables: new SqliteTables(join(dataDir, 'bharatsense.sqlite')), blobs: new FileBlobs(lakeRoot), analytics: new DuckDbSalesAnalytics(lakeRoot) };
  }
  const region = config.AWS_REGION;
  return {
    tables: new DynamoTables({ prefix: config.DYNAMODB_TABLE_PREFIX, client: { region, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) } }),
    blobs: new S3Blobs({
      bucket: config.S3_BUCKET!,
      client: { region, forcePathStyle: config.S3_FORCE_PATH_STYLE, ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}) },
    }),
    analytics: new AthenaSalesAnalytics({
      database: config.ATHENA_DATABASE,
      workGroup: config.ATHENA_WORKGROUP,
      outputLocation: config.ATHENA_OUTPUT_LOCATION!,
      client: { region, ...(config.ATHENA_ENDPOINT ? { endpoint: config.ATHENA_ENDPOINT } : {}) },
    }),
  };
}

function createQueues(config: Config): QueueBackend {
  if (!config.REDIS_URL) return new MemoryQueueBackend();
  return new BullQueueBackend({
    url: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    lockDurationMs: config.QUEUE_LOCK_MS,
    stalledIntervalMs: config.QUEUE_STALLED_INTERVAL_MS,
  });
}

/** Market data: live sources where configured, the bundled snapshot until they answer. */
function createMarketData(config: Config, blobs: Blobs, analytics: SalesAnalytics): MarketData {
  const sources: MarketSource[] = [];
  if (config.DATAGOV_API_KEY) {
    sources.push(
      new DataGovMandiSource({ baseUrl: config.DATAGOV_BASE_URL, apiKey: config.DATAGOV_API_KEY, states: config.DATAGOV_STATES, timeoutMs: config.MARKET_TIMEOUT_MS }),
    );
  }
  const today = () => todayIn('Asia/Kolkata');
  if (config.DCA_RETAIL_URL) sources.push(new DcaReportSource('dca_retail', { retailUrl: config.DCA_RETAIL_URL, timeoutMs: config.MARKET_TIMEOUT_MS, today }));
  if (config.DCA_WHOLESALE_URL) sources.push(new DcaReportSource('dca_wholesale', { wholesaleUrl: config.DCA_WHOLESALE_URL, timeoutMs: config.MARKET_TIMEOUT_MS, today }));
  return new MarketData({ blobs, sources, fallback: new BundledSnapshotSource(), analytics });
}

/**
 * Field encryption and blind indexes. The local key comes from PII_KEY, or (outside production)
 * from a key file made on first start in DATA_DIR, so a restarted demo can still read its data.
 * The blind-index key is PII_INDEX_KEY, or derived from the local key.
 */
export async function createPrivacy(config: Config): Promise<Privacy> {
  let key = config.PII_KEY ? keyFromBase64(config.PII_KEY) : undefined;
  if (!key && config.PII_ENCRYPTION === 'local') {
    const file = join(resolve(config.DATA_DIR), 'pii-key');
    const stored = await readFile(file, 'utf8').catch(() => undefined);
    key = stored ? keyFromBase64(stored) : randomBytes(32);
    if (!stored) await writeFile(file, key.toString('base64'), { mode: 0o600 });
  }
  const indexKey = config.PII_INDEX_KEY
    ? keyFromBase64(config.PII_INDEX_KEY, 'blind index key')
    : Buffer.from(hkdfSync('sha256', key!, 'bharatsense', 'blind-index-v1', 32));
  const cipher: FieldCipher =
    config.PII_ENCRYPTION === 'kms'
      ? new KmsEnvelopeCipher({ keyId: config.KMS_KEY_ID!, region: config.AWS_REGION, ...(config.KMS_ENDPOINT ? { endpoint: config.KMS_ENDPOINT } : {}) })
      : new AesGcmCipher({ key: key! });
  return { cipher, index: (value, purpose) => blindIndex(indexKey, value, purpose) };
}

function createLimiter(config: Config, options: Omit<RateLimitOptions, 'prefix'> & { name: string }): RateLimiter {
  const prefix = `${config.QUEUE_PREFIX}:${options.name}`;
  return config.REDIS_URL ? new RedisRateLimiter(config.REDIS_URL, { ...options, prefix }) : new MemoryRateLimiter({ ...options, prefix });
}

/** The template copilot, or Bedrock's primary and fallback models in front of it. */
function createCopilotFor(config: Config): Copilot {
  if (config.COPILOT === 'template') return createCopilot({ models: [], timeoutMs: config.COPILOT_TIMEOUT_MS });
  const model = (modelId: string) =>
    new BedrockLanguageModel({ modelId, region: config.BEDROCK_REGION, maxAttempts: config.BEDROCK_MAX_ATTEMPTS, ...(config.BEDROCK_ENDPOINT ? { endpoint: config.BEDROCK_ENDPOINT } : {}) });
  const ids = [config.BEDROCK_PRIMARY_MODEL, config.BEDROCK_FALLBACK_MODEL].filter((id): id is string => Boolean(id));
  return createCopilot({ models: ids.map(model), timeoutMs: config.COPILOT_TIMEOUT_MS });
}

function createOutbound(config: Config, repos: Repositories, publicBaseUrl: string): OutboundChannel {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return new LocalOutbox(repos.outbox);
  return new TwilioOutbound({
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    whatsappFrom: config.TWILIO_WHATSAPP_FROM,
    smsFrom: config.TWILIO_SMS_FROM,
    statusCallbackUrl: config.PUBLIC_BASE_URL ? new URL('/webhooks/twilio/status', publicBaseUrl).toString() : undefined,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    timeoutMs: config.TWILIO_TIMEOUT_MS,
  });
}

/** Demo secrets generated on the first start are kept beside the data, so restarts print the same ones. */
async function rememberedDemoSecrets(dataDir: string): Promise<{ apiKey?: string; adminPassword?: string; adminApiKey?: string }> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8'));
  } catch {
    return {};
  }
}

export async function createApp(config: Config, options: { logger?: Logger } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const storage = createStorage(config);
  if (config.STORAGE === 'local' || config.DYNAMODB_ENDPOINT) await storage.tables.ensure(ALL_TABLES);
  const privacy = await createPrivacy(config);
  const repos = createRepositories(storage.tables, privacy);
  // A laptop's data directory may predate sealing; AWS deployments start sealed.
  const sealed = config.STORAGE === 'local' ? await sealPlaintextPii(storage.tables, repos) : 0;
  if (sealed) logger.info({ items: sealed }, 'personal data from an earlier version sealed');
  const conversationIdFor = (address: string) => `conv_${privacy.index(address, 'conversation').slice(3, 25)}`;
  // Forecasts read the last weeks of a store again and again: serve them from memory.
  const analytics = new CachedSalesAnalytics(storage.analytics, {
    days: FORECAST_HISTORY_DAYS + 7,
    ttlMs: 60_000,
    today: () => todayIn('Asia/Kolkata'),
  });
  const lake = new SalesLake(storage.blobs);
  const queues = createQueues(config);
  const inbox = new Inbox(repos, queues, conversationIdFor);
  const pool = config.FORECAST_THREADS > 0 && config.RUN_WORKERS ? new ForecastPool(config.FORECAST_THREADS) : undefined;
  const forecasts = new ForecastService({ repos, analytics, archive: new ForecastArchive(storage.blobs) }, { horizon: config.FORECAST_HORIZON_DAYS, pool });
  const market = createMarketData(config, storage.blobs, analytics);
  const copilot = createCopilotFor(config);
  const metrics = new Metrics(queues);
  const emfOn = config.METRICS_EMF ? config.METRICS_EMF === 'true' : config.STORAGE === 'aws';
  const emf = emfOn ? startEmfPublisher({ logger, queues, metrics }) : undefined;
  /** Sales changed: drop the cached window and the products' forecasts (a failure here only costs freshness). */
  const salesChanged = async (storeId: string, skus: string[]) => {
    analytics.invalidate(storeId);
    await forecasts.invalidate(storeId, skus).catch((error) => logger.warn({ err: error, storeId }, 'forecast cache not invalidated; it expires within a day'));
  };
  // Without a configured public URL, the address this process listens on (known after listen).
  let publicBaseUrl = config.PUBLIC_BASE_URL ?? '';
  const outbound = createOutbound(config, repos, publicBaseUrl);
  const webhookAuthToken = config.TWILIO_AUTH_TOKEN ?? randomBytes(24).toString('hex');

  let demo: App['demo'];
  if (config.DEMO_SEED === 'auto') {
    const seeded = await seedDemo(repos, lake, {
      ownerPhone: config.DEMO_OWNER_PHONE,
      adminEmail: config.DEMO_ADMIN_EMAIL,
      apiKey: config.DEMO_API_KEY,
      adminPassword: config.DEMO_ADMIN_PASSWORD,
      remembered: await rememberedDemoSecrets(dataDir),
    });
    demo = { ...seeded.credentials, created: seeded.created };
    const generated = {
      adminApiKey: seeded.credentials.adminApiKey,
      ...(config.DEMO_API_KEY ? {} : { apiKey: seeded.credentials.apiKey }),
      ...(config.DEMO_ADMIN_PASSWORD || !seeded.credentials.adminPassword ? {} : { adminPassword: seeded.credentials.adminPassword }),
    };
    await writeFile(join(dataDir, 'demo-credentials.json'), JSON.stringify(generated, null, 2), { mode: 0o600 });
    if (seeded.created) logger.info({ storeId: seeded.credentials.storeId }, 'demo store seeded');
  }

  const waiter = new ReplyWaiter(repos);
  let sweeper: Sweeper | undefined;
  let schedule: ForecastSchedule | undefined;
  let prices: PriceSchedule | undefined;
  if (config.RUN_WORKERS) {
    const turns: TurnDeps = {
      repos,
      analytics,
      queues,
      leaseSeconds: config.CONVERSATION_LEASE_SECONDS,
      floodMaxPerMinute: config.FLOOD_MAX_PER_MINUTE,
      notify: waiter.notify,
      forecasts,
      market,
      copilot,
      metrics,
      sales: createSalesBook(lake, repos.locks, salesChanged),
      onError: (error, context) => logger.error({ err: error, ...context }, 'turn failed; the owner got an apology'),
    };
    const sends: DeliveryDeps = {
      repos,
      outbound,
      templates: config.TWILIO_TEMPLATES,
      limiter: queues.rateLimiter('sends', { max: config.SEND_RATE_PER_SECOND, perMs: 1000 }),
      leaseSeconds: config.CONVERSATION_LEASE_SECONDS,
      metrics,
    };
    startWorkers(queues, turns, sends, { turnConcurrency: config.WORKER_CONCURRENCY, sendConcurrency: config.WORKER_CONCURRENCY });
    startForecastWorker(queues, forecasts, { metrics, analytics });
    startPriceWorker(queues, repos, market, metrics);
    if (config.PRICE_REFRESH_INTERVAL_MS > 0) {
      prices = startPriceSchedule(queues, {
        intervalMs: config.PRICE_REFRESH_INTERVAL_MS,
        onError: (error) => logger.warn({ err: error }, 'price refresh not queued; next check retries'),
      });
    }
    if (config.FORECAST_SCHEDULE_INTERVAL_MS > 0) schedule = startForecastSchedule(repos, queues, forecasts, {
      intervalMs: config.FORECAST_SCHEDULE_INTERVAL_MS,
      hour: config.FORECAST_NIGHTLY_HOUR,
      onError: (error) => logger.warn({ err: error }, 'forecast schedule check failed; next round retries'),
    });
    sweeper = startSweeper(repos, queues, {
      intervalMs: config.SWEEP_INTERVAL_MS,
      afterMs: config.SWEEP_AFTER_MS,
      onError: (error) => logger.warn({ err: error }, 'sweep failed; next round retries'),
    });
  }

  const tokens = new TokenService({
    ...(config.AUTH_JWT_SECRET ? { secret: config.AUTH_JWT_SECRET } : {}),
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
    ...(config.AUTH_ISSUER ? { issuer: config.AUTH_ISSUER } : {}),
    ...(config.AUTH_AUDIENCE ? { audience: config.AUTH_AUDIENCE } : {}),
    ttlMinutes: config.AUTH_TOKEN_TTL_MINUTES,
  });
  const limiter = createLimiter(config, { name: 'api', points: config.RATE_LIMIT_PER_MINUTE, durationSeconds: 60 });
  const loginLimiter = createLimiter(config, { name: 'login', points: 10, durationSeconds: 300 });
  const http = createHttpApp({
    repos,
    tokens,
    limiter,
    loginLimiter,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    corsOrigins: config.CORS_ORIGINS,
    // Outside production every JSON answer is checked against its documented schema.
    validateResponses: config.NODE_ENV !== 'production',
    analytics,
    inbox,
    waiter,
    queues,
    forecasts,
    market,
    ingest: createSalesIngest(lake, repos.locks, salesChanged),
    logger,
    readiness: { tables: () => storage.tables.ping(), blobs: () => storage.blobs.ping(), analytics: () => analytics.ping(), queue: () => queues.ping() },
    twilio: { verify: twilioSignatureCheck(webhookAuthToken), publicBaseUrl: () => publicBaseUrl },
    chatTimeoutMs: config.CHAT_TIMEOUT_MS,
    simulatorEnabled: outbound.name === 'outbox',
    metrics,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    maxUploadBytes: config.MAX_BODY_BYTES,
  });
  const server: Server = await new Promise((ready) => {
    const s = http.listen(config.PORT, config.HOST, () => ready(s));
  });
  const { port } = server.address() as AddressInfo;
  publicBaseUrl ||= `http://localhost:${port}`;

  return {
    url: `http://localhost:${port}`,
    repos,
    conversationIdFor,
    inbox,
    queues,
    logger,
    demo,
    webhookAuthToken,
    publicBaseUrl,
    outbound,
    sweeper,
    async close() {
      sweeper?.stop();
      emf?.stop();
      schedule?.stop();
      prices?.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      // Workers finish the turns they hold before the stores they write to close.
      await queues.close();
      await Promise.all([limiter.close(), loginLimiter.close()]);
      await pool?.close();
      await analytics.close();
      await storage.blobs.close();
      await storage.tables.close();
    },
  };
}

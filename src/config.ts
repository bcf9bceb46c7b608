/**
 * The one place that reads process.env. The environment is parsed once, at start-up, and every
 * bad variable is reported together so an operator fixes them in one pass.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const optionalUrl = optionalString.pipe(z.url().optional());
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const templatesSchema = z.record(
  z.string().regex(/^[a-z0-9_]+$/),
  z.object({
    contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/).optional(),
    smsText: z.string().min(1).optional(),
    dltTemplateId: z.string().regex(/^\d{10,20}$/).optional(),
  }),
);

export type MessageTemplates = z.infer<typeof templatesSchema>;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('./data'),
    PUBLIC_BASE_URL: optionalUrl,

    STORAGE: z.enum(['local', 'aws']).default('local'),
    AWS_REGION: z.string().default('ap-south-1'),
    DYNAMODB_ENDPOINT: optionalUrl,
    DYNAMODB_TABLE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only').default('bharatsense-'),
    S3_BUCKET: optionalString,
    S3_ENDPOINT: optionalUrl,
    S3_FORCE_PATH_STYLE: flag,
    ATHENA_DATABASE: z.string().default('bharatsense'),
    ATHENA_WORKGROUP: z.string().default('primary'),
    ATHENA_OUTPUT_LOCATION: optionalString,
    ATHENA_ENDPOINT: optionalUrl,

    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('bharatsense'),
    /** How long a conversation's lease lasts before a crashed holder's messages move on. */
    CONVERSATION_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** How often the sweeper looks for stored messages that lost their job, and how old they must be. */
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
    SWEEP_AFTER_MS: z.coerce.number().int().min(0).default(30_000),
    /** BullMQ: how long a worker's job lock lasts, and how often dead workers' jobs are looked for. */
    QUEUE_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
    QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
    /** Messages per second per sender (WhatsApp's default for a business number is 10). */
    SEND_RATE_PER_SECOND: z.coerce.number().positive().default(10),
    /** More messages than this from one sender in a minute: one warning, then the rest are dropped. */
    FLOOD_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    RUN_WORKERS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** Turns wait on a language model for most of their time: enough slots for the owners chatting at once. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
    CHAT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Worker threads for whole-store forecast batches (0: on the worker's own thread). */
    FORECAST_THREADS: z.coerce.number().int().min(0).max(16).default(2),
    /** Local hour (store's timezone) after which the nightly batch runs; how often that is checked. */
    FORECAST_NIGHTLY_HOUR: z.coerce.number().int().min(0).max(23).default(2),
    FORECAST_SCHEDULE_INTERVAL_MS: z.coerce
      .number()
      .int()
      .refine((v) => v === 0 || v >= 1000, 'at least 1000, or 0 for no nightly schedule in this process')
      .default(5 * 60_000),
    /** Days each forecast batch covers. */
    FORECAST_HORIZON_DAYS: z.coerce.number().int().min(7).max(60).default(14),

    /** data.gov.in (AGMARKNET mandi prices): without a key the bundled snapshot answers. */
    DATAGOV_API_KEY: optionalString,
    DATAGOV_BASE_URL: z.url().default('https://api.data.gov.in/'),
    /** Only these states' mandis (feed names, comma-separated); empty: the whole country. */
    DATAGOV_STATES: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    /** DCA daily report tables (CSV), as URL templates with {yyyy}, {mm}, {dd}. */
    DCA_RETAIL_URL: optionalString,
    DCA_WHOLESALE_URL: optionalString,
    MARKET_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    /** How often market prices are refreshed (the design: every 6 hours); 0: not in this process. */
    PRICE_REFRESH_INTERVAL_MS: z.coerce
      .number()
      .int()
      .refine((v) => v === 0 || v >= 1000, 'at least 1000, or 0 for no refresh schedule in this process')
      .default(6 * 60 * 60_000),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),

    /** Who phrases replies: the deterministic templates, or Bedrock (falling back to the templates). */
    COPILOT: z.enum(['template', 'bedrock']).default('template'),
    BEDROCK_REGION: z.string().default('us-east-1'),
    BEDROCK_PRIMARY_MODEL: z.string().min(1).default('anthropic.claude-3-sonnet-20240229-v1:0'),
    BEDROCK_FALLBACK_MODEL: optionalString.default('meta.llama3-70b-instruct-v1:0'),
    BEDROCK_ENDPOINT: optionalUrl,
    /** Attempts per model call, the first included (the SDK retries throttling and 5xx with backoff). */
    BEDROCK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    /** Per model call; past it the fallback model, then the template, answers. */
    COPILOT_TIMEOUT_MS: z.coerce.number().int().min(100).default(4000),

    /** People's logins: a local issuer (HS256 secret) in embedded mode, Cognito (RS256 via JWKS) in AWS mode. */
    AUTH_JWT_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
    AUTH_JWKS_URL: optionalUrl,
    AUTH_ISSUER: optionalString,
    AUTH_AUDIENCE: optionalString,
    AUTH_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(12 * 60),
    /** Bearer token for GET /metrics (unset: open, for a laptop or a private network). */
    METRICS_TOKEN: optionalString,
    /** CloudWatch metrics through embedded-metric-format log lines (default on with STORAGE=aws). */
    METRICS_EMF: z.enum(['true', 'false']).optional(),
    /** Requests per minute per store (per caller for admins); Redis-backed when REDIS_URL is set. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(100),
    /** The panel's origin, allowed by CORS (comma-separated for several). */
    CORS_ORIGINS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),

    /** PII at rest: AES-256-GCM with a local key (base64, 32 bytes), or KMS envelope encryption. */
    PII_ENCRYPTION: z.enum(['local', 'kms']).default('local'),
    PII_KEY: optionalString.pipe(z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64').optional()),
    /** Key for the phone/email blind index (base64, 32 bytes). */
    PII_INDEX_KEY: optionalString.pipe(z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64').optional()),
    KMS_KEY_ID: optionalString,
    KMS_ENDPOINT: optionalUrl,

    TWILIO_ACCOUNT_SID: optionalString.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC + 32 hex digits').optional()),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_WHATSAPP_FROM: optionalString,
    TWILIO_SMS_FROM: optionalString,
    TWILIO_API_BASE_URL: optionalUrl,
    /** Give up waiting for Twilio's answer after this long (the send is then reconciled, not repeated). */
    TWILIO_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * Approved templates for messages outside WhatsApp's 24-hour window and DLT-registered SMS,
     * as JSON: {"morning_brief": {"contentSid": "HX…", "smsText": "…{{1}}…", "dltTemplateId": "1207…"}}.
     */
    TWILIO_TEMPLATES: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text?.trim()) return {};
        try {
          return templatesSchema.parse(JSON.parse(text));
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `must be JSON like {"name": {"contentSid": "HX…"}}: ${(error as Error).message.slice(0, 120)}` });
          return z.NEVER;
        }
      }),

    DEMO_SEED: z.enum(['auto', 'off']).default('auto'),
    DEMO_API_KEY: optionalString.pipe(z.string().min(16, 'at least 16 characters').optional()),
    DEMO_OWNER_PHONE: z.string().regex(/^\+[1-9]\d{7,14}$/, 'E.164, e.g. +919800000001').default('+919800000001'),
    DEMO_ADMIN_EMAIL: z.email().default('admin@bharatsense.local'),
    DEMO_ADMIN_PASSWORD: optionalString.pipe(z.string().min(8, 'at least 8 characters').optional()),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE === 'aws' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when STORAGE=aws' });
    }
    if (env.STORAGE === 'aws' && !env.ATHENA_OUTPUT_LOCATION) {
      ctx.addIssue({ code: 'custom', path: ['ATHENA_OUTPUT_LOCATION'], message: 'required when STORAGE=aws (s3://bucket/prefix/)' });
    }
    if (env.PII_ENCRYPTION === 'kms' && !env.KMS_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['KMS_KEY_ID'], message: 'required when PII_ENCRYPTION=kms' });
    }
    if (env.PII_ENCRYPTION === 'kms' && !env.PII_INDEX_KEY) {
      ctx.addIssue({ code: 'custom', path: ['PII_INDEX_KEY'], message: 'required when PII_ENCRYPTION=kms (the blind indexes need a secret key of their own)' });
    }
    if (env.NODE_ENV === 'production' && env.PII_ENCRYPTION === 'local' && !env.PII_KEY) {
      ctx.addIssue({ code: 'custom', path: ['PII_KEY'], message: 'required in production (a generated key would be lost with the process)' });
    }
    const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN];
    if (twilio.some(Boolean) && !twilio.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together' });
    }
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_WHATSAPP_FROM && !env.TWILIO_SMS_FROM) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_WHATSAPP_FROM'], message: 'set TWILIO_WHATSAPP_FROM or TWILIO_SMS_FROM to send replies' });
    }
  });

export type Config = z.infer<typeof schema>;

/** Thrown with every invalid variable listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default) into a typed, validated config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return result.data;
}

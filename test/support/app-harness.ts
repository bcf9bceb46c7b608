/** Starts the whole app in-process on a temporary data directory, as `npm start` would. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

export const DEMO_KEY = 'bs_test_key_0123456789abcdef';
export const OWNER_PHONE = '+919800000001';

/** A fetch Response whose JSON body tests read freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface Harness {
  app: App;
  dataDir: string;
  api(path: string, init?: RequestInit & { key?: string | null }): Promise<ApiResponse>;
  /** POSTs a correctly signed Twilio webhook (or a tampered one). */
  webhook(params: Record<string, string>, options?: { signature?: string; path?: string }): Promise<ApiResponse>;
  /** Every log line the app wrote (with `captureLogs`). */
  logs: string[];
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}, options: { captureLogs?: boolean } = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bharatsense-'));
  // No nightly batch, forecast threads or price refresh unless a test asks: they would only add load.
  const config = loadConfig({
    DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_API_KEY: DEMO_KEY, DEMO_OWNER_PHONE: OWNER_PHONE, LOG_LEVEL: 'silent',
    FORECAST_SCHEDULE_INTERVAL_MS: '0', FORECAST_THREADS: '0', PRICE_REFRESH_INTERVAL_MS: '0', ...env,
  });
  const logs: string[] = [];
  const logger = options.captureLogs ? createLogger('debug', { write: (line: string) => void logs.push(line) }) : createLogger('silent');
  const app = await createApp(config, { logger });
  return {
    app,
    dataDir,
    logs,
    api: (path, init = {}) => {
      const { key = DEMO_KEY, headers, ...rest } = init;
      return fetch(`${app.url}${path}`, { ...rest, headers: { ...(key ? { 'x-api-key': key } : {}), ...(headers as Record<string, string>) } });
    },
    webhook: (params, options = {}) => {
      const path = options.path ?? '/webhooks/twilio/inbound';
      const signature = options.signature ?? twilio.getExpectedTwilioSignature(app.webhookAuthToken, `${app.publicBaseUrl}${path}`, params);
      return fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params),
      });
    },
    stop: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `read` returns something truthy. */
export async function eventually<T>(read: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let sidCounter = 0;
/** A fresh, well-formed Twilio MessageSid. */
export function messageSid(): string {
  return `SM${(Date.now() * 1000 + sidCounter++).toString(16).padStart(32, '0')}`;
}

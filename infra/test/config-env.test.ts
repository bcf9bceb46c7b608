/**
 * Infra and app cannot drift: every variable the stack sets is one `src/config.ts` parses, and
 * the app's own `loadConfig` accepts what each service gets (deploy-time values replaced by
 * plausible placeholders).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { container, flatten, synth, type Synthesized } from './support/synth.js';

/** The schema's keys, read from the source: `    NAME: z…` lines of the object schema. */
const CONFIG_KEYS = new Set([...readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8').matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!));

/** What each secret holds once an operator has filled it in (empty third-party secrets are checked too). */
const SECRET_PLACEHOLDERS: Record<string, string> = {
  REDIS_URL: 'rediss://:0123456789abcdef0123456789abcdef@master.bharatsense-dev.abc123.aps1.cache.amazonaws.com:6380',
  PII_INDEX_KEY: Buffer.alloc(32, 7).toString('base64'),
  AUTH_JWT_SECRET: 'x'.repeat(64),
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'f'.repeat(32),
  DATAGOV_API_KEY: '579b464db66ec23bdd000001',
};

type Named = { Name: string; Value?: unknown };

function envOf(c: Record<string, unknown>, secrets: 'filled' | 'empty'): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { Name, Value } of c.Environment as Named[]) env[Name] = flatten(Value);
  for (const { Name } of c.Secrets as Named[]) {
    const thirdParty = Name.startsWith('TWILIO_') || Name === 'DATAGOV_API_KEY';
    env[Name] = secrets === 'empty' && thirdParty ? '' : SECRET_PLACEHOLDERS[Name]!;
  }
  return env;
}

describe('the services\' environment matches src/config.ts', () => {
  let stages: Synthesized[];
  beforeAll(() => {
    stages = [synth('dev'), synth('staging'), synth('prod')];
  });

  it('reads the config keys from the source', () => {
    expect(CONFIG_KEYS.size).toBeGreaterThan(50);
    for (const key of ['STORAGE', 'REDIS_URL', 'KMS_KEY_ID', 'BEDROCK_PRIMARY_MODEL', 'AUTH_JWKS_URL']) expect(CONFIG_KEYS.has(key)).toBe(true);
  });

  it('sets only variables the config schema knows, each once', () => {
    for (const s of stages) {
      for (const service of ['Api', 'Worker'] as const) {
        const c = container(s.template, service);
        const names = [...(c.Environment as Named[]), ...(c.Secrets as Named[])].map((e) => e.Name);
        expect(new Set(names).size, `${service} duplicates`).toBe(names.length);
        for (const name of names) expect(CONFIG_KEYS.has(name), `${s.stack.stackName} ${service}: ${name}`).toBe(true);
        // The bind helpers' record is what reached the template.
        const bound = service === 'Api' ? s.stack.compute.api : s.stack.compute.worker;
        expect([...bound.environment.keys(), ...bound.secretNames].sort()).toEqual([...names].sort());
      }
    }
  });

  it('keeps credentials out of the plain environment', () => {
    for (const service of ['Api', 'Worker'] as const) {
      const c = container(synth('prod').template, service);
      const plain = (c.Environment as Named[]).map((e) => e.Name);
      for (const name of plain) expect(name, name).not.toMatch(/TOKEN|SECRET|PASSWORD|INDEX_KEY|AUTH_TOKEN|API_KEY|REDIS_URL/);
      const secrets = (c.Secrets as Named[]).map((e) => e.Name);
      expect(secrets).toEqual(expect.arrayContaining(['REDIS_URL', 'PII_INDEX_KEY', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']));
    }
  });

  it.each(['filled', 'empty'] as const)('loadConfig accepts both services\' environment (third-party secrets %s)', (secrets) => {
    for (const s of stages) {
      const api = loadConfig(envOf(container(s.template, 'Api'), secrets));
      const worker = loadConfig(envOf(container(s.template, 'Worker'), secrets));
      for (const config of [api, worker]) {
        expect(config).toMatchObject({ NODE_ENV: 'production', STORAGE: 'aws', PII_ENCRYPTION: 'kms', DEMO_SEED: 'off', PORT: 3000 });
        expect(config.DYNAMODB_TABLE_PREFIX).toBe(`bharatsense-${s.stack.node.id.replace('BharatSense-', '')}-`);
        expect(config.REDIS_URL).toMatch(/^rediss:\/\//);
        expect(config.ATHENA_OUTPUT_LOCATION).toMatch(/^s3:\/\/.+\/athena-results\/$/);
        expect(config.PUBLIC_BASE_URL).toMatch(/^https?:\/\//);
      }
      expect(api.RUN_WORKERS).toBe(false);
      expect(worker.RUN_WORKERS).toBe(true);
      expect(worker.COPILOT).toBe('bedrock');
      expect(api.COPILOT).toBe('template');
      expect(api.AUTH_JWKS_URL).toMatch(/^https:\/\/cognito-idp\.ap-south-1\.amazonaws\.com\/.+\/\.well-known\/jwks\.json$/);
      expect(api.AUTH_AUDIENCE).toBeTruthy();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('runs the embedded demo with no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', STORAGE: 'local', DEMO_OWNER_PHONE: '+919800000001', DEMO_SEED: 'auto', RUN_WORKERS: true });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DEMO_API_KEY).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '', DEMO_API_KEY: '  ' })).toMatchObject({ REDIS_URL: undefined, DEMO_API_KEY: undefined });
  });

  it('lists every bad variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://localhost:6379', DEMO_OWNER_PHONE: '98000', DEMO_API_KEY: 'short', STORAGE: 'cloud' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = error!.problems.map((p) => p.split(':')[0]);
    expect(variables.sort()).toEqual(['DEMO_API_KEY', 'DEMO_OWNER_PHONE', 'PORT', 'REDIS_URL', 'STORAGE']);
    expect(error!.message).toContain('REDIS_URL: must start with redis:// or rediss://');
  });

  it('asks for what AWS mode and Twilio need', () => {
    expect(() => loadConfig({ STORAGE: 'aws' })).toThrow(/S3_BUCKET: required when STORAGE=aws[\s\S]*ATHENA_OUTPUT_LOCATION/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` })).toThrow(/TWILIO_AUTH_TOKEN and TWILIO_ACCOUNT_SID|TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x' })).toThrow(/TWILIO_WHATSAPP_FROM/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 'x', TWILIO_SMS_FROM: '+1500' })).toThrow(/AC \+ 32 hex/);
  });
});

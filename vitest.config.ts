import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: two test files at a time, each in its own process.
    pool: 'forks',
    maxWorkers: 2,
    // s3rver signs S3 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
    execArgv: ['--openssl-legacy-provider'],
    // The AWS SDK's notice that future releases need Node 22 (we pin versions that run on 20).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/cli/**'],
      reporter: ['text-summary', 'json-summary', 'html'],
      thresholds: { lines: 80 },
    },
  },
});

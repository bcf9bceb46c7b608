// One linter for the whole repo. Besides the usual TypeScript rules it enforces the
// architecture: transports → bot → engines → domain, and SDKs only inside adapters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages that talk to a network service or a database: only adapters may import them. */
const SDKS = ['@aws-sdk/*', '@smithy/*', 'rate-limiter-flexible', 'bullmq', 'ioredis', 'twilio', '@duckdb/*', 'better-sqlite3'];

/** Adapter folders, the composition root, and the CLI that wires them. */
const ADAPTERS = [
  'src/storage/sqlite/**', 'src/storage/dynamodb/**', 'src/storage/files/**', 'src/storage/s3/**',
  'src/storage/duckdb/**', 'src/storage/athena/**', 'src/queue/bullmq/**', 'src/queue/memory/**',
  'src/messaging/twilio/**', 'src/messaging/outbox/**', 'src/llm/bedrock/**', 'src/crypto/local/**', 'src/crypto/kms/**',
  'src/throttle/redis/**', 'src/throttle/memory/**',
];
const adapterImports = ['**/storage/sqlite/*', '**/storage/dynamodb/*', '**/storage/files/*', '**/storage/s3/*',
  '**/storage/duckdb/*', '**/storage/athena/*', '**/queue/bullmq/*', '**/queue/memory/*', '**/messaging/twilio/*', '**/messaging/outbox/*',
  '**/llm/bedrock/*', '**/crypto/local/*', '**/crypto/kms/*', '**/throttle/redis/*', '**/throttle/memory/*'];

const transports = ['**/api/**', '**/webhooks/**', '**/jobs/**', '**/cli/**', '**/app.js', '**/main.js'];
/** Other code reaches an engine through its index.ts only. */
const engineInternals = ['**/engines/*/*', '!**/engines/*/index.js'];

/** What each layer may not import, besides SDKs and adapters. */
const layers = [
  { files: ['src/domain/**'], group: ['**/bot/**', '**/engines/**', '**/storage/**', '**/queue/**', '**/messaging/**', '**/ingest/**', '**/demo/**', ...transports], message: 'domain/ is the innermost layer: it imports nothing from the app.' },
  { files: ['src/engines/**'], group: ['**/bot/**', '**/storage/**', '**/queue/**', '**/messaging/**', '**/ingest/**', '**/demo/**', ...transports], message: 'engines/ depend on domain/ only; callers pass them data.' },
  { files: ['src/bot/**'], group: [...transports, '**/demo/**', ...engineInternals], message: 'bot/ sits below the transports and uses engines through their index.ts.' },
  { files: ['src/storage/**', 'src/queue/**', 'src/messaging/**', 'src/ingest/**', 'src/llm/**', 'src/crypto/**', 'src/throttle/**'], group: ['**/bot/**', '**/engines/**', ...transports], message: 'ports and adapters serve the core; they do not call into it.' },
  { files: ['src/api/**', 'src/webhooks/**', 'src/jobs/**', 'src/demo/**'], group: [...engineInternals], message: 'use an engine through its index.ts.' },
  { files: ['src/forecasting/**', 'src/market/**', 'src/insights/**'], group: ['**/bot/**', '**/demo/**', ...transports, ...engineInternals], message: 'forecasting/, market/ and insights/ serve the bot and the transports, and use engines through their index.ts.' },
];

const restricted = (extra, message, allowSdks) => [
  'error',
  {
    patterns: [
      ...(allowSdks ? [] : [{ group: SDKS, message: 'SDKs are imported only inside adapters (src/*/<adapter>/).' }]),
      ...(extra.length ? [{ group: extra, message }] : []),
    ],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'data/**', 'test-output/**', 'infra/cdk.out/**', 'admin/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/**/*.ts'], rules: { 'no-restricted-imports': restricted(adapterImports, 'adapters are wired only in src/app.ts.', false) } },
  ...layers.map(({ files, group, message }) => ({
    files,
    rules: { 'no-restricted-imports': restricted([...group, ...adapterImports], message, false) },
  })),
  // Adapters may use their SDK; the composition root and CLIs wire adapters.
  { files: ADAPTERS, rules: { 'no-restricted-imports': restricted(['**/bot/**', '**/engines/**', ...transports], 'adapters do not call into the core.', true) } },
  { files: ['src/app.ts', 'src/main.ts', 'src/cli/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['test/**', 'bench/**', 'scripts/**', 'admin/src/**/*.test.tsx', 'admin/src/test/**', 'infra/test/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  // Node scripts in plain JavaScript (the panel's icon maker).
  { files: ['**/*.mjs'], languageOptions: { globals: { Buffer: 'readonly', URL: 'readonly', process: 'readonly', console: 'readonly' } } },
);

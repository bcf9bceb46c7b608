/**
 * `npm run seed`: create the demo store in DATA_DIR if it is not there, and print its
 * credentials. `-- --reset` deletes the local data directory first (local storage only).
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';

const { values: args } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
const config = loadConfig();

if (args.reset) {
  if (config.STORAGE !== 'local') throw new Error('--reset only clears local storage; refusing with STORAGE=aws.');
  await rm(resolve(config.DATA_DIR), { recursive: true, force: true });
}
const app = await createApp({ ...config, PORT: 0, LOG_LEVEL: 'warn', RUN_WORKERS: false, DEMO_SEED: 'auto' });
const demo = app.demo!;
console.log(
  [
    `${demo.created ? 'Created' : 'Found'} demo store ${demo.storeId} in ${resolve(config.DATA_DIR)}`,
    `owner API key: ${demo.apiKey}`,
    `owner phone:   ${demo.ownerPhone}`,
    `admin:         ${demo.adminEmail}${demo.adminPassword ? ` / ${demo.adminPassword}` : ''}`,
    `admin API key: ${demo.adminApiKey}`,
  ].join('\n'),
);
await app.close();

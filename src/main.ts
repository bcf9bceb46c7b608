/**
 * Starts BharatSense: `npm start`. With no environment it runs the embedded demo (SQLite,
 * local Parquet + DuckDB, in-process queues, local outbox) and prints how to talk to it.
 */
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  const lines = [
    '',
    `  BharatSense is up at ${app.url}`,
    `  storage: ${config.STORAGE}   queue: ${config.REDIS_URL ? 'BullMQ (Redis)' : 'in-process'}   replies: ${app.outbound.name}   copilot: ${config.COPILOT}`,
    `  API description: ${app.url}/api/v1/openapi.json`,
  ];
  if (app.demo) {
    lines.push(
      `  demo store: ${app.demo.storeId}${app.demo.created ? ' (just created)' : ''}`,
      `  owner API key: ${app.demo.apiKey}`,
      `  owner phone: ${app.demo.ownerPhone}`,
      `  panel: ${app.url}/admin/   admin ${app.demo.adminEmail}, owner ${app.demo.ownerEmail}${app.demo.adminPassword ? `, password ${app.demo.adminPassword}` : ''}`,
      `  admin API key: ${app.demo.adminApiKey}`,
      '',
      '  Chat in this terminal:  npm run chat',
      `  Or: curl -s ${app.url}/api/v1/chat -H 'X-API-Key: ${app.demo.apiKey}' -H 'Content-Type: application/json' -d '{"text":"how much milk tomorrow?"}'`,
      `  Log in as the admin: curl -s ${app.url}/api/v1/auth/login -H 'Content-Type: application/json' -d '{"email":"${app.demo.adminEmail}","password":"…"}'`,
    );
  }
  console.log(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run chat`: talk to BharatSense from the terminal, shown as WhatsApp would.
 *
 * Talks to the running server (PORT, or --url) with the demo owner's key. With no server up,
 * or with --in-process, it starts the app inside this process on the same DATA_DIR.
 * `--whatsapp` sends through the signed Twilio webhook and reads the reply from the outbox
 * (in-process only, since only this process knows the webhook's signing token).
 *
 *   npm run chat                 npm run chat -- --in-process --whatsapp
 *   npm run chat -- --url http://localhost:3000 --key bs_live_...
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { queryAll } from '../storage/tables.port.js';
import { botBubble, ownerBubble } from './whatsapp-view.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    'in-process': { type: 'boolean', default: false },
    whatsapp: { type: 'boolean', default: false },
  },
});

const config = loadConfig();

async function serverUp(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function demoKey(): Promise<string | undefined> {
  if (args.key) return args.key;
  if (config.DEMO_API_KEY) return config.DEMO_API_KEY;
  try {
    return JSON.parse(await readFile(join(resolve(config.DATA_DIR), 'demo-credentials.json'), 'utf8')).apiKey;
  } catch {
    return undefined;
  }
}

type Ask = (text: string) => Promise<{ reply: string; meta: string }>;

function overHttp(url: string, key: string): Ask {
  return async (text) => {
    const res = await fetch(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ text }),
    });
    const body = (await res.json()) as { reply?: string; intent?: string; language?: string; detail?: string; code?: string };
    if (!res.ok) return { reply: `(${res.status} ${body.code}: ${body.detail})`, meta: 'error' };
    return { reply: body.reply!, meta: `${body.intent} · ${body.language}` };
  };
}

/** Sends a signed Twilio webhook to the app and waits for the reply to land in the outbox. */
function overWhatsapp(app: App, phone: string): Ask {
  let n = 0;
  return async (text) => {
    const url = `${app.publicBaseUrl}/webhooks/twilio/inbound`;
    const sid = `SM${Date.now().toString(16).padStart(16, '0')}${(n++).toString(16).padStart(16, '0')}`;
    const params = { MessageSid: sid, From: `whatsapp:${phone}`, To: 'whatsapp:+14155238886', Body: text, NumMedia: '0' };
    const signature = twilio.getExpectedTwilioSignature(app.webhookAuthToken, url, params);
    const res = await fetch(`${app.url}/webhooks/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    if (!res.ok) return { reply: `(webhook answered ${res.status})`, meta: 'error' };
    const replyId = `tw_${sid}_reply`;
    for (let i = 0; i < 100; i++) {
      const sent = await queryAll(app.repos.outbox, { partition: `whatsapp:${phone}` });
      const reply = sent.find((m) => m.messageId === replyId);
      if (reply) return { reply: reply.body, meta: 'whatsapp · delivered' };
      await new Promise((r) => setTimeout(r, 50));
    }
    return { reply: '(no reply within 5 s)', meta: 'error' };
  };
}

async function main(): Promise<void> {
  const url = args.url ?? `http://localhost:${config.PORT}`;
  let app: App | undefined;
  let ask: Ask;
  if (!args['in-process'] && !args.whatsapp && (await serverUp(url))) {
    const key = await demoKey();
    if (!key) throw new Error('No API key: pass --key, set DEMO_API_KEY, or start the demo once (npm start).');
    ask = overHttp(url, key);
    console.log(`Connected to ${url}. Type a message, or /quit.`);
  } else {
    app = await createApp({ ...config, PORT: 0, LOG_LEVEL: 'warn' });
    const key = app.demo?.apiKey ?? (await demoKey());
    ask = args.whatsapp ? overWhatsapp(app, config.DEMO_OWNER_PHONE) : overHttp(app.url, key!);
    console.log(`Started in-process on ${config.DATA_DIR} (${args.whatsapp ? 'WhatsApp webhook' : 'web chat'}). Type a message, or /quit.`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) {
      if (process.stdin.isTTY) process.stdout.write('\x1b[1A\x1b[2K');
      console.log(ownerBubble(text));
      const { reply, meta } = await ask(text);
      console.log(botBubble(reply, meta));
    }
    rl.prompt();
  }
  rl.close();
  await app?.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Fault: DATA_DIR runs out of space. A webhook that cannot be stored is not acknowledged (Twilio
 * retries it), an upload that cannot be written leaves the sales as they were, and once space is
 * back the retried message is answered exactly once. Needs root (a 16 MB tmpfs as DATA_DIR).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryAll } from '../../src/storage/tables.port.js';
import { OWNER_PHONE, eventually, messageSid, startApp, type Harness } from '../support/app-harness.js';

let dir: string;
let h: Harness | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'disk-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]);
});

afterAll(async () => {
  await h?.app.close().catch(() => undefined);
  execFileSync('umount', ['-l', dir]);
  await rm(dir, { recursive: true, force: true });
});

/** Fills the disk to the last byte. */
async function fill(path: string): Promise<void> {
  const file = await open(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await file.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close().catch(() => undefined);
  }
}

it('refuses what it cannot store, loses nothing, and recovers when space is back', async () => {
  h = await startApp({ DATA_DIR: join(dir, 'data'), FORECAST_THREADS: '0' });
  const filler = join(dir, 'filler');
  const before = await (await h.api('/api/v1/store/sales?from=2025-06-01&to=2025-06-01')).json();
  await fill(filler);

  const sid = messageSid();
  const params = { MessageSid: sid, From: `whatsapp:${OWNER_PHONE}`, To: 'whatsapp:+14155238886', Body: 'how much milk tomorrow?', NumMedia: '0' };
  const refused = await h.webhook(params);
  expect(refused.status).toBeGreaterThanOrEqual(500);

  const upload = await h.api('/api/v1/store/data', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `date,sku,qty,price\n2025-06-01,MILK-500,999,28\n` });
  expect(upload.status).toBeGreaterThanOrEqual(500);
  expect((await upload.json()).code).toBeDefined();

  await rm(filler);
  // Twilio retries the webhook: now it is stored, answered once.
  expect((await h.webhook(params)).status).toBe(200);
  const sent = await eventually(async () => {
    const replies = await queryAll(h!.app.repos.outbox, { partition: `whatsapp:${OWNER_PHONE}` });
    return replies.length ? replies : undefined;
  });
  expect(sent).toHaveLength(1);
  const after = await (await h.api('/api/v1/store/sales?from=2025-06-01&to=2025-06-01')).json();
  expect(after.series).toEqual(before.series);
  expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
});

/**
 * Fault: a malformed 50 MB upload. Over the limit it is refused at once with 413 and nothing is
 * read into memory beyond it; under a raised limit, 50 MB of garbage is rejected as a file the
 * server cannot read, row errors capped, nothing written, and the server keeps answering.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type Harness } from '../support/app-harness.js';

const MB = 1024 * 1024;
let small: Harness;
let large: Harness;

beforeAll(async () => {
  small = await startApp();
  large = await startApp({ MAX_BODY_BYTES: String(64 * MB) });
});
afterAll(async () => {
  await small?.stop();
  await large?.stop();
});

/** 50 MB that looks like a CSV for a line, then is noise. */
function garbage(): Buffer {
  const body = Buffer.alloc(50 * MB);
  for (let i = 0; i < body.length; i++) body[i] = (i * 2654435761) >>> 24;
  body.write('date,sku,qty,price\n2025-06-01,MILK-500,1,28\n');
  return body;
}

it('refuses 50 MB of garbage over the limit with 413, and reads and rejects it under a raised one', async () => {
  const body = garbage();
  const over = await small.api('/api/v1/store/data', { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  expect(over.status).toBe(413);
  expect((await over.json()).code).toBe('REQUEST.TOO_LARGE');

  const before = await (await large.api('/api/v1/store/sales?from=2025-06-01&to=2025-06-01')).json();
  const under = await large.api('/api/v1/store/data', { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  expect(under.status).toBe(422);
  const problem = await under.json();
  expect(problem.code).toMatch(/^INGEST\.INVALID_(FILE|ROWS)$/);
  expect((problem.errors ?? []).length).toBeLessThanOrEqual(100);
  const after = await (await large.api('/api/v1/store/sales?from=2025-06-01&to=2025-06-01')).json();
  expect(after.series).toEqual(before.series);
  expect((await fetch(`${large.app.url}/healthz`)).status).toBe(200);
}, 120_000);

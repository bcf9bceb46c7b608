/**
 * One contract for the tables port, run against SQLite and against DynamoDB (dynalite).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTables } from '../../src/storage/dynamodb/dynamodb-tables.adapter.js';
import { SqliteTables } from '../../src/storage/sqlite/sqlite-tables.adapter.js';
import { TABLES } from '../../src/storage/schema.js';
import { queryAll, scanAll, type TableDef, type Tables } from '../../src/storage/tables.port.js';
import { awsClientConfig, startDynalite, type LocalService } from '../support/aws-local.js';

const runId = Math.random().toString(36).slice(2, 8);
const defs = {
  events: { name: `Events${runId}`, partitionKey: 'storeId', sortKey: 'at' },
  people: {
    name: `People${runId}`,
    partitionKey: 'id',
    indexes: { byStore: { partitionKey: 'storeId', sortKey: 'joined' } },
  },
  // The app's own QueryHistory definition (30-day TTL), under a name unique to this run.
  history: { ...TABLES.queryHistory, name: `QueryHistory${runId}` },
} satisfies Record<string, TableDef>;

type Event = { storeId: string; at: string; text?: string; version?: number; note?: string };
type Person = { id: string; storeId?: string; joined?: string; name: string };
type History = { storeId: string; timestamp: string; query: string; expiresAt?: number };

const adapters: Array<{ name: string; start: () => Promise<{ tables: Tables; stop: () => Promise<void> }> }> = [
  {
    name: 'sqlite',
    async start() {
      const dir = await mkdtemp(join(tmpdir(), 'tables-'));
      const tables = new SqliteTables(join(dir, 'test.sqlite'));
      return { tables, stop: async () => (await tables.close(), await rm(dir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'dynamodb (dynalite)',
    async start() {
      const dynalite: LocalService = await startDynalite();
      const tables = new DynamoTables({ prefix: 'test-', client: awsClientConfig(dynalite.endpoint) });
      return { tables, stop: async () => (await tables.close(), await dynalite.close()) };
    },
  },
];

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe.each(adapters)('tables contract: $name', ({ start }) => {
  let tables: Tables;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ tables, stop } = await start());
    await tables.ensure(Object.values(defs));
    await tables.ensure(Object.values(defs)); // idempotent
  });
  afterAll(async () => stop());

  it('stores and reads back an item, Unicode intact', async () => {
    const events = tables.table<Event>(defs.events);
    await events.put({ storeId: 's1', at: '2025-01-01T10:00:00Z', text: 'दूध 20 पैकेट बिका' });
    expect(await events.get({ storeId: 's1', at: '2025-01-01T10:00:00Z' })).toEqual({
      storeId: 's1',
      at: '2025-01-01T10:00:00Z',
      text: 'दूध 20 पैकेट बिका',
    });
    expect(await events.get({ storeId: 's1', at: 'missing' })).toBeUndefined();
  });

  it('refuses a second create of the same key, leaving the first intact', async () => {
    const events = tables.table<Event>(defs.events);
    await events.put({ storeId: 'dup', at: 'k', text: 'first' }, { condition: { notExists: true } });
    await expect(events.put({ storeId: 'dup', at: 'k', text: 'second' }, { condition: { notExists: true } })).rejects.toMatchObject({
      code: 'TABLES.CONDITION_FAILED',
    });
    expect((await events.get({ storeId: 'dup', at: 'k' }))?.text).toBe('first');
  });

  it('lets exactly one of many concurrent creates win', async () => {
    const events = tables.table<Event>(defs.events);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => events.put({ storeId: 'race', at: 'sid-1', text: `writer ${i}` }, { condition: { notExists: true } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'TABLES.CONDITION_FAILED')).toBe(true);
  });

  it('applies an update only when the expected version still holds', async () => {
    const events = tables.table<Event>(defs.events);
    await events.put({ storeId: 'v', at: 'k', version: 1, text: 'a' });
    const updated = await events.update({ storeId: 'v', at: 'k' }, { version: 2, note: 'edited' }, { condition: { equals: { version: 1 } } });
    expect(updated).toEqual({ storeId: 'v', at: 'k', version: 2, text: 'a', note: 'edited' });
    await expect(events.update({ storeId: 'v', at: 'k' }, { version: 3 }, { condition: { equals: { version: 1 } } })).rejects.toMatchObject({
      code: 'TABLES.CONDITION_FAILED',
    });
    expect((await events.get({ storeId: 'v', at: 'k' }))?.version).toBe(2);
    await expect(events.update({ storeId: 'v', at: 'nope' }, { note: 'x' })).rejects.toMatchObject({ code: 'TABLES.CONDITION_FAILED' });
    expect(await events.get({ storeId: 'v', at: 'nope' })).toBeUndefined();
  });

  it('deletes, conditionally when asked', async () => {
    const events = tables.table<Event>(defs.events);
    await events.put({ storeId: 'd', at: 'k', version: 1 });
    await expect(events.delete({ storeId: 'd', at: 'k' }, { condition: { equals: { version: 9 } } })).rejects.toMatchObject({
      code: 'TABLES.CONDITION_FAILED',
    });
    await events.delete({ storeId: 'd', at: 'k' }, { condition: { equals: { version: 1 } } });
    expect(await events.get({ storeId: 'd', at: 'k' })).toBeUndefined();
    await events.delete({ storeId: 'd', at: 'k' }); // missing is fine
  });

  it('queries a partition in sort order, by range and by prefix, both directions', async () => {
    const events = tables.table<Event>(defs.events);
    const days = ['2025-01-03', '2025-01-01', '2025-02-01', '2025-01-02', '2024-12-31'];
    for (const at of days) await events.put({ storeId: 'q', at });
    await events.put({ storeId: 'q-other', at: '2025-01-01' });
    const all = await queryAll(events, { partition: 'q' });
    expect(all.map((e) => e.at)).toEqual([...days].sort());
    const desc = await queryAll(events, { partition: 'q', descending: true });
    expect(desc.map((e) => e.at)).toEqual([...days].sort().reverse());
    const january = await queryAll(events, { partition: 'q', prefix: '2025-01' });
    expect(january.map((e) => e.at)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
    const range = await queryAll(events, { partition: 'q', from: '2025-01-02', to: '2025-02-01' });
    expect(range.map((e) => e.at)).toEqual(['2025-01-02', '2025-01-03', '2025-02-01']);
    const since = await queryAll(events, { partition: 'q', from: '2025-01-03' });
    expect(since.map((e) => e.at)).toEqual(['2025-01-03', '2025-02-01']);
  });

  it('pages through a partition: every item exactly once, in order', async () => {
    const events = tables.table<Event>(defs.events);
    const keys = Array.from({ length: 23 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    await Promise.all(keys.map((at) => events.put({ storeId: 'paged', at })));
    for (const descending of [false, true]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await events.query({ partition: 'paged', limit: 5, cursor, descending });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((e) => e.at));
        cursor = page.cursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(descending ? [...keys].reverse() : keys);
      expect(pages).toBeGreaterThanOrEqual(5);
    }
  });

  it('queries a secondary index, leaving out items without its keys', async () => {
    const people = tables.table<Person>(defs.people);
    await people.put({ id: 'u1', storeId: 'st', joined: '2025-03-01', name: 'Asha' });
    await people.put({ id: 'u2', storeId: 'st', joined: '2025-01-01', name: 'Ravi' });
    await people.put({ id: 'u3', storeId: 'other', joined: '2025-01-01', name: 'Meena' });
    await people.put({ id: 'admin', name: 'No store' });
    const staff = await queryAll(people, { index: 'byStore', partition: 'st' });
    expect(staff.map((p) => p.id)).toEqual(['u2', 'u1']);
    // Many items with the same index sort key still page without loss or repeats.
    await Promise.all(Array.from({ length: 12 }, (_, i) => people.put({ id: `same${i}`, storeId: 'tie', joined: '2025-05-05', name: 'x' })));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await people.query({ index: 'byStore', partition: 'tie', limit: 5, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `same${i}`).sort());
  });

  it('scans every item across partitions, page by page', async () => {
    const people = tables.table<Person>(defs.people);
    const all = await scanAll(people);
    const ids = all.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['u1', 'u2', 'u3', 'admin', 'same0', 'same11']));
    const first = await people.scan({ limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.cursor).toBeDefined();
  });

  it('hides expired items from every read and lets their key be reused', async () => {
    const history = tables.table<History>(defs.history);
    await history.put({ storeId: 'ttl', timestamp: '2025-01-01T00:00:00Z', query: 'old', expiresAt: nowSeconds() - 10 });
    await history.put({ storeId: 'ttl', timestamp: '2025-01-02T00:00:00Z', query: 'fresh', expiresAt: nowSeconds() + 3600 });
    await history.put({ storeId: 'ttl', timestamp: '2025-01-03T00:00:00Z', query: 'forever' });
    expect(await history.get({ storeId: 'ttl', timestamp: '2025-01-01T00:00:00Z' })).toBeUndefined();
    expect((await queryAll(history, { partition: 'ttl' })).map((h) => h.query)).toEqual(['fresh', 'forever']);
    expect((await scanAll(history)).map((h) => h.query)).not.toContain('old');
    await history.put({ storeId: 'ttl', timestamp: '2025-01-01T00:00:00Z', query: 'reborn' }, { condition: { notExists: true } });
    expect((await history.get({ storeId: 'ttl', timestamp: '2025-01-01T00:00:00Z' }))?.query).toBe('reborn');
  });

  it('rejects keys without their key attributes and bad cursors', async () => {
    const events = tables.table<Event>(defs.events);
    await expect(events.put({ storeId: '', at: 'x' })).rejects.toMatchObject({ code: 'TABLES.INVALID_KEY' });
    await expect(events.get({ storeId: 's1' })).rejects.toMatchObject({ code: 'TABLES.INVALID_KEY' });
    await expect(events.query({ partition: 'q', cursor: '%%%not-a-cursor' })).rejects.toMatchObject({ code: 'TABLES.INVALID_CURSOR' });
  });

  it('answers ping', async () => {
    await expect(tables.ping()).resolves.toBeUndefined();
  });
});

/** Personal data written in clear by an earlier version is sealed at start-up, and still found by phone. */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blindIndex } from '../../src/crypto/field-cipher.port.js';
import { AesGcmCipher } from '../../src/crypto/local/aes-gcm-cipher.adapter.js';
import type { Conversation } from '../../src/domain/message.js';
import type { Identity, User } from '../../src/domain/user.js';
import { sealPlaintextPii } from '../../src/storage/pii-migration.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { ALL_TABLES, TABLES } from '../../src/storage/schema.js';
import { SqliteTables } from '../../src/storage/sqlite/sqlite-tables.adapter.js';
import { queryAll } from '../../src/storage/tables.port.js';
import { eventually, messageSid, OWNER_PHONE, startApp } from '../support/app-harness.js';
import { startKmsStub } from '../support/kms-stub.js';

let tables: SqliteTables | undefined;
afterEach(() => tables?.close());

describe('sealing personal data from an earlier version', () => {
  it('seals users, conversations, identities and the outbox in place, once', async () => {
    tables = new SqliteTables(':memory:');
    await tables.ensure(ALL_TABLES);
    const indexKey = randomBytes(32);
    const repos = createRepositories(tables, { cipher: new AesGcmCipher({ key: randomBytes(32) }), index: (v, p) => blindIndex(indexKey, v, p) });
    const at = new Date().toISOString();
    const phone = '+919876501234';
    await tables.table<User>(TABLES.users).put({ userId: 'u1', role: 'owner', storeId: 's1', name: 'Kavita Joshi', phone, email: 'Kavita@Example.in', language: 'mr', createdAt: at });
    await tables.table<Identity>(TABLES.identities).put({ address: `whatsapp:${phone}`, userId: 'u1', storeId: 's1', createdAt: at });
    await tables.table<Conversation>(TABLES.conversations).put({ conversationId: 'c1', userId: 'u1', storeId: 's1', channel: 'whatsapp', address: `whatsapp:${phone}`, language: 'mr', createdAt: at });
    await tables.table(TABLES.outbox).put({ to: `whatsapp:${phone}`, messageId: 'm1', channel: 'whatsapp', body: 'namaskar', sentAt: at });

    expect(await sealPlaintextPii(tables, repos)).toBe(4);
    expect(await sealPlaintextPii(tables, repos)).toBe(0);

    const raw = JSON.stringify([
      ...(await tables.table(TABLES.users).scan()).items,
      ...(await tables.table(TABLES.identities).scan()).items,
      ...(await tables.table(TABLES.conversations).scan()).items,
      ...(await tables.table(TABLES.outbox).scan()).items,
    ]);
    for (const secret of ['Kavita', '9876501234', 'example.in']) expect(raw).not.toContain(secret);
    expect(await repos.users.get({ userId: 'u1' })).toMatchObject({ name: 'Kavita Joshi', phone, email: 'Kavita@Example.in' });
    expect((await repos.users.query({ index: 'byEmail', partition: 'kavita@example.in' })).items.map((u) => u.userId)).toEqual(['u1']);
    expect((await repos.identities.get({ address: `whatsapp:${phone}` }))?.userId).toBe('u1');
    expect((await repos.conversations.get({ conversationId: 'c1' }))?.address).toBe(`whatsapp:${phone}`);
    expect((await repos.outbox.query({ partition: `whatsapp:${phone}` })).items.map((e) => e.body)).toEqual(['namaskar']);
  });

  it('refuses a sealed value moved onto another record', async () => {
    tables = new SqliteTables(':memory:');
    await tables.ensure(ALL_TABLES);
    const repos = createRepositories(tables, { cipher: new AesGcmCipher({ key: randomBytes(32) }), index: (v, p) => blindIndex(randomBytes(32), v, p) });
    await repos.users.put({ userId: 'a', role: 'owner', name: 'Asha', language: 'hi', createdAt: 'x' });
    await repos.users.put({ userId: 'b', role: 'owner', name: 'Bina', language: 'hi', createdAt: 'x' });
    const rawUsers = tables.table<User>(TABLES.users);
    const sealedAsha = (await rawUsers.get({ userId: 'a' }))!.name!;
    await rawUsers.update({ userId: 'b' }, { name: sealedAsha });
    await expect(repos.users.get({ userId: 'b' })).rejects.toMatchObject({ code: 'CRYPTO.UNREADABLE' });
  });
});

describe('with KMS envelope encryption', () => {
  it('seals the demo’s people under a KMS data key and still answers the owner’s phone', async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    const kms = await startKmsStub();
    const h = await startApp({ PII_ENCRYPTION: 'kms', KMS_KEY_ID: 'alias/bharatsense-pii', KMS_ENDPOINT: kms.url, PII_INDEX_KEY: randomBytes(32).toString('base64') });
    try {
      const db = new Database(join(h.dataDir, 'bharatsense.sqlite'), { readonly: true });
      const users = (db.prepare('SELECT item FROM "Users"').all() as Array<{ item: string }>).map((r) => r.item).join('\n');
      db.close();
      expect(users).toContain('enc:v1:kms:');
      expect(users).not.toContain(OWNER_PHONE);
      expect(kms.calls.GenerateDataKey).toBeGreaterThan(0);
      const res = await h.webhook({ MessageSid: messageSid(), From: `whatsapp:${OWNER_PHONE}`, To: 'whatsapp:+14155238886', Body: 'how much milk tomorrow?', NumMedia: '0' });
      expect(res.status).toBe(200);
      const reply = await eventually(async () => (await queryAll(h.app.repos.outbox, { partition: `whatsapp:${OWNER_PHONE}` }))[0]);
      expect(reply.body).toMatch(/milk/i);
    } finally {
      await h.stop();
      await kms.close();
    }
  });
});

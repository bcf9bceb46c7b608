/**
 * The API's doors, from outside: who gets in (JWT for people — ours or Cognito's —, API keys for
 * stores), who sees what (owners their store only, admins all), how much (100 a minute per
 * store, in Redis), what bad input gets back, and what the disk holds of people (nothing in clear).
 */
import Database from 'better-sqlite3';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER_ID, DEMO_STORE_ID } from '../../src/demo/seed.js';
import { DEMO_KEY, eventually, OWNER_PHONE, startApp, type Harness } from '../support/app-harness.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../support/redis.js';

const ADMIN_EMAIL = 'admin@bharatsense.local';
const ADMIN_PASSWORD = 'correct horse battery staple';
const PANEL = 'https://panel.example.in';
const PREFIX = randomPrefix('security');

let h: Harness;
let jwks: Server;
let jwksUrl: string;
let cognitoKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  cognitoKey = privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((ready) => jwks.listen(0, '127.0.0.1', ready));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  h = await startApp({
    DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: 'https://cognito.test/pool',
    CORS_ORIGINS: PANEL, REDIS_URL, QUEUE_PREFIX: PREFIX,
  });
});

afterAll(async () => {
  await h?.stop();
  await new Promise((done) => jwks?.close(done));
  await deletePrefix(PREFIX);
});

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const login = (email: string, password: string) => h.api('/api/v1/auth/login', { ...json({ email, password }), key: null });
const bearer = (token: string, headers: Record<string, string> = {}) => ({ key: null, headers: { authorization: `Bearer ${token}`, ...headers } });

async function adminToken(): Promise<string> {
  const res = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  expect(res.status).toBe(200);
  return (await res.json()).token;
}

describe('authentication', () => {
  const ROUTES: Array<[string, string]> = [
    ['GET', '/api/v1/auth/me'], ['POST', '/api/v1/chat'], ['GET', '/api/v1/forecast/MILK-1L'], ['GET', '/api/v1/forecast/store'],
    ['POST', '/api/v1/forecast/generate'], ['GET', '/api/v1/prices/RICE-5KG'], ['GET', '/api/v1/insights'], ['POST', '/api/v1/store/data'],
    ['GET', '/api/v1/store/profile'], ['GET', '/api/v1/conversations'], ['GET', '/api/v1/messages'], ['GET', '/api/v1/store/api-keys'],
    ['GET', '/api/v1/admin/stores'], ['GET', '/api/v1/admin/users'], ['GET', '/api/v1/admin/audit'], ['GET', '/api/v1/admin/queues'],
  ];

  it.each(ROUTES)('%s %s answers 401 problem+json without credentials', async (method, path) => {
    const res = await h.api(path, { method, key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('AUTH.MISSING_CREDENTIALS');
  });

  it('logs a person in with a password and knows them by the token', async () => {
    const res = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ role: 'admin', email: ADMIN_EMAIL });
    expect(body.user.passwordHash).toBeUndefined();
    const me = await h.api('/api/v1/auth/me', bearer(body.token));
    expect(await me.json()).toMatchObject({ role: 'admin', via: 'token' });
  });

  it('refuses a wrong password, an unknown email, a forged or tampered token alike', async () => {
    expect((await login(ADMIN_EMAIL, 'wrong password!')).status).toBe(401);
    expect((await login('nobody@example.in', ADMIN_PASSWORD)).status).toBe(401);
    const token = await adminToken();
    const [head, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: DEMO_OWNER_ID, role: 'owner', store_id: DEMO_STORE_ID })).toString('base64url')}.${signature}`;
    expect((await h.api('/api/v1/auth/me', bearer(forged))).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect((await h.api('/api/v1/auth/me', bearer(none))).status).toBe(401);
  });

  it('slows down password guessing: the 11th failure for an email in five minutes is 429', async () => {
    const email = 'guess.target@example.in';
    for (let i = 0; i < 10; i++) expect((await login(email, `guess-${i}`)).status).toBe(401);
    const res = await login(email, 'guess-10');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('accepts Cognito tokens (RS256 from the JWKS URL) with the owner group and store attribute', async () => {
    const sub = '5f0c-cognito-owner';
    await h.app.repos.users.put({ userId: sub, role: 'owner', storeId: DEMO_STORE_ID, language: 'en', createdAt: new Date().toISOString() });
    const sign = (claims: Record<string, unknown>, issuer = 'https://cognito.test/pool') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setSubject(sub).setIssuer(issuer).setIssuedAt().setExpirationTime('10m').sign(cognitoKey);
    const token = await sign({ 'cognito:groups': ['owner'], 'custom:store_id': DEMO_STORE_ID, token_use: 'id' });
    const profile = await h.api('/api/v1/store/profile', bearer(token));
    expect(profile.status).toBe(200);
    expect((await profile.json()).storeId).toBe(DEMO_STORE_ID);
    expect((await h.api('/api/v1/store/profile', bearer(await sign({ 'cognito:groups': ['owner'] }, 'https://evil.test')))).status).toBe(401);
  });

  it('makes an API key that is shown once, works, and stops working when revoked', async () => {
    const made = await h.api('/api/v1/store/api-keys', json({ label: 'billing machine' }));
    expect(made.status).toBe(201);
    const { key, keyId } = await made.json();
    expect((await h.api('/api/v1/store/profile', { key })).status).toBe(200);
    const listed = await (await h.api('/api/v1/store/api-keys')).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.keys.map((k: { keyId: string }) => k.keyId)).toContain(keyId);
    expect((await h.api(`/api/v1/store/api-keys/${keyId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.api('/api/v1/store/profile', { key })).status).toBe(401);
  });
});

describe('authorisation', () => {
  it('keeps owners out of admin routes and out of other stores', async () => {
    expect((await h.api('/api/v1/admin/stores')).status).toBe(403);
    const other = await h.api('/api/v1/store/profile', { headers: { 'x-store-id': 'another-store' } });
    expect(other.status).toBe(403);
    expect((await other.json()).code).toBe('AUTH.FORBIDDEN');
  });

  it('lets an admin see every store, and act on one by naming it', async () => {
    const token = await adminToken();
    const stores = await (await h.api('/api/v1/admin/stores?q=pune', bearer(token))).json();
    expect(stores.items.map((s: { storeId: string }) => s.storeId)).toContain(DEMO_STORE_ID);
    expect((await h.api('/api/v1/store/profile', bearer(token))).status).toBe(400);
    const profile = await h.api('/api/v1/store/profile', bearer(token, { 'x-store-id': DEMO_STORE_ID }));
    expect(profile.status).toBe(200);
    expect((await h.api('/api/v1/store/profile', bearer(token, { 'x-store-id': 'no-such-store' }))).status).toBe(404);
  });

  it('shows an admin the failed jobs and runs one again on request', async () => {
    const token = await adminToken();
    // A forecast batch for a store that does not exist fails for good at once.
    const forecasts = h.app.queues.queue('forecasts');
    await forecasts.add('request', { storeId: 'gone-store', reason: 'request' }, { jobId: 'broken-batch-1' });
    await eventually(async () => (await forecasts.status('broken-batch-1'))?.state === 'failed');
    const jobs = (await (await h.api('/api/v1/admin/jobs/failed', bearer(token))).json()).jobs as Array<{ id: string; queue: string; attempts: number }>;
    expect(jobs.find((j) => j.id === 'broken-batch-1')).toMatchObject({ queue: 'forecasts', attempts: 1 });
    // The store appears; the retried batch now succeeds.
    await h.app.repos.stores.put({ storeId: 'gone-store', name: 'Back Again', city: 'Pune', state: 'MH', language: 'hi', timezone: 'Asia/Kolkata', createdAt: new Date().toISOString() });
    const retried = await h.api('/api/v1/admin/jobs/forecasts/broken-batch-1/retry', { ...bearer(token), method: 'POST' });
    expect(retried.status).toBe(202);
    await eventually(async () => (await forecasts.status('broken-batch-1'))?.state === 'completed');
    expect((await h.api('/api/v1/admin/jobs/forecasts/broken-batch-1/retry', { ...bearer(token), method: 'POST' })).status).toBe(404);
    expect((await h.api('/api/v1/admin/jobs/nope/broken-batch-1/retry', { ...bearer(token), method: 'POST' })).status).toBe(404);
    expect((await h.api('/api/v1/admin/jobs/forecasts/broken-batch-1/retry', { method: 'POST' })).status).toBe(403);
  });

  it('lets an admin add an owner who can then log in to their own store only', async () => {
    const token = await adminToken();
    const made = await h.api('/api/v1/admin/users', {
      ...json({ role: 'owner', name: 'Sunita Patil', email: 'sunita@example.in', password: 'a long enough pass', storeId: DEMO_STORE_ID, phone: '+919811122233' }),
      ...bearer(token, { 'content-type': 'application/json' }),
    });
    expect(made.status).toBe(201);
    const session = await (await login('sunita@example.in', 'a long enough pass')).json();
    expect((await h.api('/api/v1/store/profile', bearer(session.token))).status).toBe(200);
    expect((await h.api('/api/v1/admin/users', bearer(session.token))).status).toBe(403);
  });
});

describe('bad input', () => {
  it('answers an oversized, a malformed and an empty chat body with machine-readable 4xx', async () => {
    const big = await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(20_000) }) });
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe('REQUEST.TOO_LARGE');
    const broken = await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "doodh' });
    expect((await broken.json()).code).toBe('REQUEST.MALFORMED');
    expect((await h.api('/api/v1/chat', json({ text: '' }))).status).toBe(400);
  });

  it.each([
    ["/api/v1/prices/RICE'%20OR%201=1--", 404],
    ['/api/v1/prices/..%2F..%2Fetc%2Fpasswd', 404],
    ['/api/v1/forecast/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 404],
    ['/api/v1/conversations/conv_x%22%7D/messages', 404],
  ])('treats %s as a name that does not exist', async (path, status) => {
    const res = await h.api(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses an over-long API key or token without looking it up', async () => {
    expect((await h.api('/api/v1/store/profile', { key: 'k'.repeat(10_000) })).status).toBe(401);
  });
});

describe('the edges of the HTTP surface', () => {
  it('sends security headers, and CORS only for the panel’s origin', async () => {
    const res = await h.api('/api/v1/store/profile', { headers: { origin: PANEL } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age');
    expect(res.headers.get('access-control-allow-origin')).toBe(PANEL);
    const preflight = await fetch(`${h.app.url}/api/v1/chat`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('throttles a store at 100 requests a minute, counted in Redis, with Retry-After', async () => {
    const storeId = 'busy-shop';
    const at = new Date().toISOString();
    await h.app.repos.stores.put({ storeId, name: 'Busy Shop', city: 'Nagpur', state: 'MH', language: 'mr', timezone: 'Asia/Kolkata', createdAt: at });
    await h.app.repos.users.put({ userId: 'user_busy', role: 'owner', storeId, language: 'mr', createdAt: at });
    const key = (await (await h.api('/api/v1/store/api-keys', { ...bearer(await adminToken(), { 'x-store-id': storeId, 'content-type': 'application/json' }), method: 'POST', body: JSON.stringify({ label: 'load' }) })).json()).key;
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await h.api('/api/v1/store/profile', { key })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await h.api('/api/v1/store/profile', { key });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await over.json()).code).toBe('RATE_LIMITED');
    // Another store is not affected.
    expect((await h.api('/api/v1/store/profile')).status).toBe(200);
  });
});

describe('personal data at rest', () => {
  it('keeps names, phones and emails sealed on disk, and phone lookups working', async () => {
    const db = new Database(join(h.dataDir, 'bharatsense.sqlite'), { readonly: true });
    try {
      const rows = (table: string) => (db.prepare(`SELECT pk, item FROM "${table}"`).all() as Array<{ pk: string; item: string }>).map((r) => `${r.pk} ${r.item}`).join('\n');
      const users = rows('Users');
      expect(users).toContain('enc:v1:local:');
      for (const clear of ['Ramesh', OWNER_PHONE, ADMIN_EMAIL, 'Sunita', 'sunita@example.in']) expect(users).not.toContain(clear);
      const identities = rows('Identities');
      expect(identities).toContain('bi:');
      expect(identities).not.toContain(OWNER_PHONE.slice(3));
      expect(rows('Conversations')).not.toContain(OWNER_PHONE.slice(3));
    } finally {
      db.close();
    }
    // The owner's phone still finds the owner.
    const owner = await h.app.repos.identities.get({ address: `whatsapp:${OWNER_PHONE}` });
    expect(owner?.userId).toBe(DEMO_OWNER_ID);
    expect((await h.app.repos.users.get({ userId: DEMO_OWNER_ID }))?.phone).toBe(OWNER_PHONE);
  });
});

describe('reading bodies', () => {
  it('ignores a stray body on a GET instead of refusing the request', async () => {
    // fetch will not send a body with GET; some clients do.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.app.url}/api/v1/conversations`, { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': '8', 'x-api-key': DEMO_KEY } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{"broken');
    });
    expect(status).toBe(200);
  });
});

/**
 * The OpenAPI document against the app: served without credentials, structurally sound, listing
 * exactly the routes the app serves, and describing what the demo app really answers — both the
 * successes and the problems. (Every other integration test checks responses too: outside
 * production a body that breaks its schema becomes a 500.)
 */
import express, { type Express } from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseContract } from '../../src/api/contract.js';
import { mountOn, operation, type Operation } from '../../src/api/operation.js';
import { OPERATIONS, Problem } from '../../src/api/schemas/index.js';
import { createHttpApp, type HttpDeps } from '../../src/api/server.js';
import { DEMO_STORE_ID } from '../../src/demo/seed.js';
import { createLogger } from '../../src/logger.js';
import { startApp, type Harness } from '../support/app-harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let h: Harness;
let doc: Json;

beforeAll(async () => {
  h = await startApp();
  const res = await h.api('/api/v1/openapi.json', { key: null });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  doc = await res.json();
});
afterAll(() => h?.stop());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operationsOf = (d: Json): Array<[string, string, Json]> =>
  Object.entries(d.paths as Record<string, Json>).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m): [string, string, Json] => [m.toUpperCase(), path, item[m]]));

/** `METHOD /path` of every route under /api/v1 in an Express app's router stack (router 2.x layers). */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Json[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) out.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        walk(layer.handle.stack, prefix + (layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath));
      }
    }
  };
  walk((app as Json).router.stack, '');
  return out.filter((r) => r.includes(' /api/v1/')).map((r) => r.replace(' /api/v1', ' ').replace(/:(\w+)/g, '{$1}'));
}

describe('the document', () => {
  it('is OpenAPI 3.1 with its info, server, security schemes and global security', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'BharatSense API', version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
  });

  it('is structurally sound: every $ref resolves, operation ids are unique, path parameters are declared', () => {
    const refs: string[] = [];
    const collect = (node: Json) => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(v as string);
          else collect(v);
        }
      }
    };
    collect(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\//);
      const target = ref.slice(2).split('/').reduce<Json>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      expect(target, ref).toBeTypeOf('object');
    }
    const ops = operationsOf(doc);
    expect(new Set(ops.map(([, , op]) => op.operationId)).size).toBe(ops.length);
    for (const [method, path, op] of ops) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.tags, `${method} ${path}`).toHaveLength(1);
      expect(Object.keys(op.responses).some((s) => s.startsWith('2')), `${method} ${path}`).toBe(true);
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters, `${method} ${path}`).toContainEqual(expect.objectContaining({ in: 'path', name: name.slice(1, -1), required: true }));
      }
    }
  });

  it('lists the design’s endpoints and the panel’s, and exactly the routes the app serves', () => {
    const listed = operationsOf(doc).map(([m, p]) => `${m} ${p}`);
    for (const route of [
      'POST /chat', 'GET /forecast/{sku}', 'GET /forecast/store', 'POST /forecast/generate', 'GET /prices/{sku}', 'GET /insights', 'POST /store/data',
      'GET /store/profile', 'POST /auth/login', 'GET /auth/me', 'GET /openapi.json', 'GET /store/api-keys', 'POST /store/api-keys', 'DELETE /store/api-keys/{keyId}',
      'GET /conversations', 'GET /conversations/{id}/messages', 'GET /messages', 'GET /admin/stores', 'GET /admin/users', 'POST /admin/users', 'GET /admin/audit',
      'GET /admin/queues', 'GET /admin/jobs/failed', 'GET /forecast/jobs/{id}', 'GET /prices/status', 'GET /forecast/accuracy',
    ]) expect(listed).toContain(route);
    // The router stack of an app built from the real server code (its dependencies are not called while mounting).
    const app = createHttpApp({
      logger: createLogger('silent'), readiness: {}, corsOrigins: [], queues: { queue: () => ({}) }, twilio: { verify: () => true, publicBaseUrl: () => '' },
    } as unknown as HttpDeps);
    const served = servedRoutes(app);
    expect(served.length).toBeGreaterThan(20);
    expect([...served].sort()).toEqual([...listed].sort());
  });

  it('asks for credentials on every operation but logging in and this document', () => {
    for (const [method, path, op] of operationsOf(doc)) {
      const open = path === '/auth/login' || path === '/openapi.json';
      expect(op.security, `${method} ${path}`).toEqual(open ? [] : doc.security);
      if (!open) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']));
    }
  });

  it('answers every problem as application/problem+json with the Problem schema', () => {
    for (const [method, path, op] of operationsOf(doc)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400) continue;
        expect(response.content, `${method} ${path} ${status}`).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
      }
    }
    expect(doc.paths['/store/data'].post.responses).toHaveProperty('413');
    expect(doc.paths['/admin/users'].get.responses).toHaveProperty('403');
    expect(doc.paths['/forecast/{sku}'].get.responses).toHaveProperty('404');
  });
});

/** The declared operation that answers a documented path. */
const operationFor = (method: string, path: string): Operation => OPERATIONS.find((op) => op.method === method.toLowerCase() && op.path === path)!;

describe('real answers of the demo app', () => {
  const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const admin = () => ({ key: h.app.demo!.adminApiKey });
  const firstConversation = async () => (await (await h.api('/api/v1/conversations')).json()).items[0].conversationId as string;

  const samples: Array<[string, string, () => Promise<[string, RequestInit & { key?: string | null }]>]> = [
    ['POST', '/chat', async () => ['/api/v1/chat', json({ text: 'how much milk tomorrow?' })]],
    ['GET', '/store/profile', async () => ['/api/v1/store/profile', {}]],
    ['GET', '/forecast/{sku}', async () => ['/api/v1/forecast/MILK-500?horizon=3', {}]],
    ['GET', '/forecast/store', async () => ['/api/v1/forecast/store', {}]],
    ['GET', '/forecast/accuracy', async () => ['/api/v1/forecast/accuracy', {}]],
    ['GET', '/prices/status', async () => ['/api/v1/prices/status', {}]],
    ['GET', '/insights', async () => ['/api/v1/insights', {}]],
    ['GET', '/messages', async () => ['/api/v1/messages', {}]],
    ['GET', '/conversations', async () => ['/api/v1/conversations', {}]],
    ['GET', '/conversations/{id}/messages', async () => [`/api/v1/conversations/${await firstConversation()}/messages`, {}]],
    ['GET', '/store/api-keys', async () => ['/api/v1/store/api-keys', {}]],
    ['GET', '/auth/me', async () => ['/api/v1/auth/me', {}]],
    ['PATCH', '/store/settings', async () => ['/api/v1/store/settings', { ...json({ targetMargin: 0.2 }), method: 'PATCH' }]],
    ['POST', '/store/data', async () => ['/api/v1/store/data', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `date,sku,qty\n${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)},MILK-500,40` }]],
    ['GET', '/admin/queues', async () => ['/api/v1/admin/queues', admin()]],
    ['GET', '/admin/jobs/failed', async () => ['/api/v1/admin/jobs/failed', admin()]],
    ['GET', '/admin/audit', async () => ['/api/v1/admin/audit', admin()]],
    ['GET', '/admin/stores', async () => ['/api/v1/admin/stores', admin()]],
    ['GET', '/admin/users', async () => ['/api/v1/admin/users', admin()]],
    ['GET', '/admin/stores/{storeId}/forecast/accuracy', async () => [`/api/v1/admin/stores/${DEMO_STORE_ID}/forecast/accuracy`, admin()]],
  ];

  it.each(samples)('%s %s matches its documented response', async (method, path, request) => {
    const [url, init] = await request();
    const res = await h.api(url, init);
    const body = await res.json();
    const documented = operationFor(method, path).responses[res.status as 200]?.schema;
    expect(documented, `${res.status} ${JSON.stringify(body).slice(0, 300)}`).toBeDefined();
    expect(documented!.safeParse(body).error?.issues).toBeUndefined();
    expect(doc.paths[path][method.toLowerCase()].responses[String(res.status)].content['application/json']).toBeDefined();
  });

  it('POST /forecast/generate and the job it queued match theirs', async () => {
    const started = await h.api('/api/v1/forecast/generate', { method: 'POST' });
    expect(started.status).toBe(202);
    const accepted = await started.json();
    expect(operationFor('POST', '/forecast/generate').responses[202]!.schema!.parse(accepted)).toBeTruthy();
    const status = await (await h.api(accepted.statusUrl)).json();
    expect(operationFor('GET', '/forecast/jobs/{id}').responses[200]!.schema!.safeParse(status).error?.issues).toBeUndefined();
  });

  it('GET /prices/{sku} matches its report or one of its documented problems', async () => {
    const res = await h.api('/api/v1/prices/ONION?lang=en');
    const body = await res.json();
    if (res.status === 200) expect(operationFor('GET', '/prices/{sku}').responses[200]!.schema!.safeParse(body).error?.issues).toBeUndefined();
    else expect(doc.paths['/prices/{sku}'].get.responses[String(res.status)].description).toContain(body.code);
  });

  it('answers a bad body with the problem+json documented for it', async () => {
    const res = await h.api('/api/v1/chat', json({ text: '' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(Problem.parse(body)).toMatchObject({ status: 400, code: 'CHAT.INVALID_REQUEST', errors: [expect.objectContaining({ field: 'text' })] });
    const documented = doc.paths['/chat'].post.responses['400'];
    expect(documented.content).toHaveProperty('application/problem+json');
    expect(documented.description).toContain('CHAT.INVALID_REQUEST');
  });
});

describe('the response check', () => {
  it('turns a body that breaks its schema into a 500 INTERNAL.RESPONSE_SCHEMA, with the issues in the log', async () => {
    const logs: string[] = [];
    const app = express();
    app.use(responseContract(createLogger('debug', { write: (line: string) => void logs.push(line) })));
    const probe = operation({
      operationId: 'probe', method: 'get', path: '/probe', summary: 'A probe', tag: 'meta', access: 'public',
      responses: { 200: { description: 'A number', schema: z.strictObject({ n: z.number() }) } },
    });
    mountOn(app.router)(probe, (req, res) => void res.json(req.query.good ? { n: 1 } : { n: 'one' }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((ready) => server.once('listening', ready));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/probe`;
      expect(await (await fetch(`${url}?good=1`)).json()).toEqual({ n: 1 });
      const bad = await fetch(url);
      expect(bad.status).toBe(500);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(((await bad.json()) as { code: string }).code).toBe('INTERNAL.RESPONSE_SCHEMA');
      const logged = logs.map((line) => JSON.parse(line) as { msg: string; operationId?: string; issues?: unknown[] }).find((l) => l.msg === 'response does not match its documented schema');
      expect(logged).toMatchObject({ operationId: 'probe', issues: [expect.objectContaining({ path: ['n'] })] });
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

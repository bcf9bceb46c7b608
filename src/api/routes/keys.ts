/**
 * A store's API keys: made here and shown once (only their SHA-256 is kept), listed by an id
 * (the hash's first 12 digits), revoked at once. Owners manage their own store's keys;
 * admins any store's, naming it with `X-Store-Id`.
 */
import { Router, json } from 'express';
import { generateApiKey, hashApiKey } from '../../domain/api-key.js';
import type { Repositories } from '../../storage/repositories.js';
import { queryAll } from '../../storage/tables.port.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { keyOperations as ops, NewApiKeyRequest } from '../schemas/index.js';

const keyIdOf = (hash: string) => hash.slice(0, 12);

export function apiKeyRoutes(repos: Repositories): Router {
  const router = Router();
  const mount = mountOn(router);

  mount(ops.list, async (_req, res) => {
    const { storeId } = callerOf(res);
    const keys = await queryAll(repos.apiKeys, { index: 'byStore', partition: storeId });
    res.json({ keys: keys.map((k) => ({ keyId: keyIdOf(k.keyHash), label: k.label, role: k.role, createdAt: k.createdAt, ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}) })) });
  });

  mount(ops.create, json({ limit: '1kb' }), async (req, res) => {
    const parsed = NewApiKeyRequest.safeParse(req.body);
    if (!parsed.success) return sendProblem(res, 400, 'API_KEY.INVALID_REQUEST', 'Send {"label": "..."} (1–60 characters) to name the key.');
    const caller = callerOf(res);
    // The key acts for the store's owner, whoever made it.
    const owner = (await repos.users.query({ index: 'byStore', partition: caller.storeId })).items.find((u) => u.role === 'owner');
    if (!owner) return sendProblem(res, 409, 'API_KEY.NO_OWNER', 'This store has no owner to act for.');
    const key = generateApiKey();
    const record = { keyHash: hashApiKey(key), storeId: caller.storeId, userId: owner.userId, role: 'owner' as const, label: parsed.data.label, createdAt: new Date().toISOString() };
    await repos.apiKeys.put(record, { condition: { notExists: true } });
    res.status(201).json({ key, keyId: keyIdOf(record.keyHash), label: record.label, createdAt: record.createdAt, note: 'Shown once: store it now.' });
  });

  mount(ops.revoke, async (req, res) => {
    const { storeId } = callerOf(res);
    const keys = await queryAll(repos.apiKeys, { index: 'byStore', partition: storeId });
    const record = keys.find((k) => keyIdOf(k.keyHash) === String(req.params.keyId));
    if (!record) return sendProblem(res, 404, 'API_KEY.NOT_FOUND', 'No such key in this store.');
    if (!record.revokedAt) await repos.apiKeys.update({ keyHash: record.keyHash }, { revokedAt: new Date().toISOString() });
    res.status(204).end();
  });
  return router;
}

/** The caller's store: its profile and catalogue, and sales uploads. */
import { Router, raw } from 'express';
import { todayIn } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import type { SalesFormat, SalesIngest } from '../../ingest/index.js';
import type { Repositories } from '../../storage/repositories.js';
import { queryAll } from '../../storage/tables.port.js';
import { callerOf } from '../auth.js';
import { sendProblem } from '../problem.js';

function formatOf(contentType: string | undefined): SalesFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === 'application/json') return 'json';
  return undefined;
}

export function storeRoutes(repos: Repositories, ingest: SalesIngest, maxUploadBytes: number): Router {
  const router = Router();

  router.get('/store/profile', async (_req, res) => {
    const { storeId } = callerOf(res);
    const store = await repos.stores.get({ storeId });
    if (!store) throw new AppError('STORE.NOT_FOUND', 'Your store no longer exists.', { status: 404 });
    const products = await queryAll(repos.products, { partition: storeId });
    res.json({
      storeId: store.storeId,
      name: store.name,
      city: store.city,
      state: store.state,
      language: store.language,
      timezone: store.timezone,
      products: products.map((p) => ({ sku: p.sku, name: p.name, unit: p.unit, price: p.price, stock: p.stock, category: p.category, canonical: p.canonical })),
    });
  });

  router.post('/store/data', raw({ type: () => true, limit: maxUploadBytes }), async (req, res) => {
    const format = formatOf(req.get('content-type'));
    if (!format) return sendProblem(res, 415, 'INGEST.UNSUPPORTED_TYPE', 'Upload sales as text/csv (date,sku,qty[,price]) or application/json.');
    const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    if (body.length === 0) return sendProblem(res, 400, 'INGEST.EMPTY', 'The upload is empty.');
    const { storeId } = callerOf(res);
    const store = await repos.stores.get({ storeId });
    if (!store) throw new AppError('STORE.NOT_FOUND', 'Your store no longer exists.', { status: 404 });
    const products = await queryAll(repos.products, { partition: storeId });
    const result = await ingest.ingest({ storeId, body, format, knownSkus: new Set(products.map((p) => p.sku)), today: todayIn(store.timezone) });
    res.status(201).json(result);
  });

  return router;
}

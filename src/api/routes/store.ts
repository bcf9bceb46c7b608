/** The caller's store: its profile and catalogue, its stock settings, and sales uploads. */
import { Router, json, raw } from 'express';
import type { z } from 'zod';
import { todayIn } from '../../domain/dates.js';
import { AppError, hasCode } from '../../domain/errors.js';
import type { SalesFormat, SalesIngest } from '../../ingest/index.js';
import type { Repositories } from '../../storage/repositories.js';
import { queryAll } from '../../storage/tables.port.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { ProductSettingsRequest, SettingsRequest, storeOperations as ops, UploadQuery } from '../schemas/index.js';

function formatOf(contentType: string | undefined): SalesFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** An update of an item that is not there fails its condition: that is a 404, anything else is not. */
const missing = (error: unknown): undefined => {
  if (hasCode(error, 'TABLES.CONDITION_FAILED')) return undefined;
  throw error;
};

const problemsOf = (error: z.ZodError) => error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));

export function storeRoutes(repos: Repositories, ingest: SalesIngest, maxUploadBytes: number): Router {
  const router = Router();
  const mount = mountOn(router);

  mount(ops.profile, async (_req, res) => {
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
      serviceLevel: store.serviceLevel ?? 0.95,
      targetMargin: store.targetMargin ?? 0.15,
      products: products.map((p) => ({
        sku: p.sku, name: p.name, unit: p.unit, price: p.price, stock: p.stock, leadTimeDays: p.leadTimeDays, category: p.category, canonical: p.canonical, aliases: p.aliases,
      })),
    });
  });

  // Order advice follows these at once: a forecast whose stock settings changed is worked out again.
  mount(ops.settings, json({ limit: '4kb' }), async (req, res) => {
    const parsed = SettingsRequest.safeParse(req.body);
    if (!parsed.success) {
      return sendProblem(res, 400, 'STORE.INVALID_SETTINGS', 'Send serviceLevel (0.5–0.999, e.g. 0.95) and/or targetMargin (0–0.9, e.g. 0.15).', { errors: problemsOf(parsed.error) });
    }
    const { storeId } = callerOf(res);
    const store = await repos.stores.update({ storeId }, parsed.data, { condition: { exists: true } }).catch(missing);
    if (!store) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'Your store no longer exists.');
    res.json({ storeId, serviceLevel: store.serviceLevel ?? 0.95, targetMargin: store.targetMargin ?? 0.15 });
  });

  mount(ops.product, json({ limit: '4kb' }), async (req, res) => {
    const parsed = ProductSettingsRequest.safeParse(req.body);
    if (!parsed.success) return sendProblem(res, 400, 'PRODUCT.INVALID_SETTINGS', 'Send any of price (rupees, > 0), stock (≥ 0), leadTimeDays (whole days, 0–60), aliases (up to 30 names).', { errors: problemsOf(parsed.error) });
    const { storeId } = callerOf(res);
    const sku = String(req.params.sku);
    const changes = { ...parsed.data, updatedAt: new Date().toISOString() };
    const product = await repos.products.update({ storeId, sku }, changes, { condition: { exists: true } }).catch(missing);
    if (!product) return sendProblem(res, 404, 'PRODUCT.NOT_FOUND', `No product with SKU ${sku} in your store.`);
    res.json({ sku, leadTimeDays: product.leadTimeDays, stock: product.stock, price: product.price, aliases: product.aliases });
  });

  mount(ops.upload, raw({ type: () => true, limit: maxUploadBytes }), async (req, res) => {
    const format = formatOf(req.get('content-type'));
    if (!format) return sendProblem(res, 415, 'INGEST.UNSUPPORTED_TYPE', 'Upload sales as text/csv (date,sku,qty[,price]) or application/json.');
    const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    if (body.length === 0) return sendProblem(res, 400, 'INGEST.EMPTY', 'The upload is empty.');
    const { storeId } = callerOf(res);
    const store = await repos.stores.get({ storeId });
    if (!store) throw new AppError('STORE.NOT_FOUND', 'Your store no longer exists.', { status: 404 });
    const products = await queryAll(repos.products, { partition: storeId });
    const request = { storeId, body, format, knownSkus: new Set(products.map((p) => p.sku)), today: todayIn(store.timezone) };
    const query = UploadQuery.safeParse(req.query);
    if (!query.success) return sendProblem(res, 400, 'INGEST.INVALID_REQUEST', 'dryRun is true or false.');
    if (query.data.dryRun) return void res.json({ ...(await ingest.check(request)), dryRun: true });
    res.status(201).json(await ingest.ingest(request));
  });

  return router;
}

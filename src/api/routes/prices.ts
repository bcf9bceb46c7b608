/**
 * `GET /prices/{sku}`: where one of the caller's products stands against the market near the
 * store, with its sources, freshness, margin advice and anomalies; `?lang=` (default the store's
 * language) adds the same in words. `GET /prices`: every product's report at once (the panel).
 * `GET /prices/status`: each market source's last refresh.
 */
import { Router } from 'express';
import { describePrice, translator } from '../../bot/index.js';
import { LANGUAGES, type Language } from '../../domain/language.js';
import type { MarketData } from '../../market/service.js';
import type { Repositories } from '../../storage/repositories.js';
import { queryAll } from '../../storage/tables.port.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { priceOperations as ops, PriceQuery } from '../schemas/index.js';

const REASONS = {
  no_commodity: 'This product is not one the government market feeds price (they cover staples: rice, atta, dals, sugar, gur, oils, onion, potato, tomato, salt, tea, milk).',
  no_pack_size: 'The pack size of this product is not known (put it in the name, e.g. "Atta 5kg"), so it cannot be compared per kg or litre.',
  no_market_data: 'No market reports this commodity at the moment.',
} as const;

export function priceRoutes(deps: { repos: Repositories; market: MarketData }): Router {
  const router = Router();
  const mount = mountOn(router);

  mount(ops.list, async (_req, res) => {
    const { storeId } = callerOf(res);
    const store = await deps.repos.stores.get({ storeId });
    if (!store) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'Your store no longer exists.');
    const items = [];
    const unmapped = [];
    for (const product of await queryAll(deps.repos.products, { partition: storeId })) {
      const result = await deps.market.report(product, store);
      if ('report' in result) items.push({ ...result.report, name: product.name });
      else unmapped.push({ sku: product.sku, name: product.name, reason: result.reason });
    }
    res.json({ items, unmapped });
  });

  mount(ops.status, async (_req, res) => {
    res.json({ sources: await deps.market.status() });
  });

  mount(ops.product, async (req, res) => {
    const parsed = PriceQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'PRICE.INVALID_REQUEST', `lang must be one of ${LANGUAGES.join(', ')}.`);
    const { storeId } = callerOf(res);
    const sku = String(req.params.sku);
    const [store, product] = await Promise.all([deps.repos.stores.get({ storeId }), deps.repos.products.get({ storeId, sku })]);
    if (!store) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'Your store no longer exists.');
    if (!product) return sendProblem(res, 404, 'PRODUCT.NOT_FOUND', `No product with SKU ${sku} in your store.`);
    const result = await deps.market.report(product, store);
    if (!('report' in result)) {
      return sendProblem(res, 422, `PRICE.${result.reason.toUpperCase()}`, REASONS[result.reason], { sku, ...(result.commodity ? { commodity: result.commodity } : {}) });
    }
    const language: Language = parsed.data.lang ?? store.language;
    res.json({ ...result.report, language, text: describePrice(await translator(language), language, result.report, product) });
  });
  return router;
}

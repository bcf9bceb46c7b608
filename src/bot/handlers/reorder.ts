/** "What should I order?": every product whose stock will not last until the next delivery. */
import type { Handler } from '../context.js';
import { formatQuantity } from '../format.js';
import { forecast } from './forecast.js';

const MAX_LINES = 8;

export const reorder: Handler = async (ctx) => {
  // "order sugar", "kitna doodh mangwau": a question about one product.
  if (ctx.product || ctx.parse.product) return forecast(ctx);
  const batch = await ctx.forecasts.storeForecasts(ctx.store.storeId);
  const bySku = new Map(ctx.products.map((p) => [p.sku, p]));
  const needed = batch.forecasts
    .filter((f) => f.recommendation.orderQuantity > 0 && bySku.has(f.sku))
    .map((f) => ({ product: bySku.get(f.sku)!, order: f.recommendation.orderQuantity, cover: f.recommendation.stockOnHand / Math.max(1e-9, f.recommendation.expectedDemand) }))
    // Most urgent first: the least stock relative to what will sell.
    .sort((a, b) => a.cover - b.cover)
    .slice(0, MAX_LINES);
  if (needed.length === 0) return ctx.t('reorder.none');
  const lines = needed.map(({ product, order }) =>
    ctx.t('reorder.line', { product: product.name, order: formatQuantity(ctx.t, order, product.unit), stock: formatQuantity(ctx.t, product.stock, product.unit) }),
  );
  const facts = needed.flatMap(({ product, order }) => [
    { label: `order now: ${product.name}`, value: order, unit: product.unit },
    { label: `in stock: ${product.name}`, value: product.stock, unit: product.unit },
  ]);
  return { text: [ctx.t('reorder.header'), ...lines].join('\n'), facts };
};

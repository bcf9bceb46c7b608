/** "What should I order?": every product whose stock will not last until the next delivery. */
import { FORECAST_HISTORY_DAYS, forecastProduct } from '../../engines/forecast/index.js';
import { addDays } from '../../domain/dates.js';
import { isCountable } from '../../domain/product.js';
import type { Sale } from '../../domain/sale.js';
import type { Handler } from '../context.js';
import { formatQuantity } from '../format.js';
import { forecast } from './forecast.js';

const MAX_LINES = 8;

export const reorder: Handler = async (ctx) => {
  // "order sugar", "kitna doodh mangwau": a question about one product.
  if (ctx.product || ctx.parse.product) return forecast(ctx);
  const sales = await ctx.analytics.dailySales(ctx.store.storeId, { from: addDays(ctx.today, -FORECAST_HISTORY_DAYS) });
  const bySku = new Map<string, Sale[]>();
  for (const sale of sales) {
    if (!bySku.has(sale.sku)) bySku.set(sale.sku, []);
    bySku.get(sale.sku)!.push(sale);
  }
  const needed = ctx.products
    .filter((p) => bySku.has(p.sku))
    .map((product) => {
      const result = forecastProduct({
        sku: product.sku,
        history: bySku.get(product.sku)!,
        start: ctx.today,
        horizon: Math.max(1, product.leadTimeDays),
        countable: isCountable(product.unit),
        stockOnHand: product.stock,
        leadTimeDays: product.leadTimeDays,
      });
      return { product, order: result.recommendation.orderQuantity, cover: product.stock / Math.max(1e-9, result.recommendation.expectedDemand) };
    })
    .filter((r) => r.order > 0)
    // Most urgent first: the least stock relative to what will sell.
    .sort((a, b) => a.cover - b.cover)
    .slice(0, MAX_LINES);
  if (needed.length === 0) return ctx.t('reorder.none');
  const lines = needed.map(({ product, order }) =>
    ctx.t('reorder.line', { product: product.name, order: formatQuantity(ctx.t, order, product.unit), stock: formatQuantity(ctx.t, product.stock, product.unit) }),
  );
  return [ctx.t('reorder.header'), ...lines].join('\n');
};

/** "Is my rice too expensive?" and "doodh ka rate 30 karo": the owner's own prices (market data comes with the prices engine). */
import type { Handler } from '../context.js';
import { formatRupees } from '../format.js';
import { forecast } from './forecast.js';

export const priceCheck: Handler = async (ctx) => {
  const { product } = ctx;
  if (!product) return ctx.parse.product ? forecastOrAsk(ctx) : ctx.t('forecast.whichProduct');
  const margin = product.price > 0 ? Math.round(((product.price - product.cost) / product.price) * 1000) / 10 : 0;
  return [
    ctx.t('price.current', {
      product: product.name,
      price: formatRupees(product.price),
      unit: ctx.t(`unitName.${product.unit}`),
      cost: formatRupees(product.cost),
      margin,
    }),
    ctx.t('price.noMarket'),
  ].join('\n');
};

export const setPrice: Handler = async (ctx) => {
  const { product } = ctx;
  if (!product) return ctx.parse.product ? forecastOrAsk(ctx) : ctx.t('forecast.whichProduct');
  const price = ctx.parse.price ?? (ctx.parse.quantity && !ctx.parse.quantity.unit ? ctx.parse.quantity.value : undefined);
  if (price === undefined || price <= 0 || price > 100_000) return ctx.t('price.needPrice', { product: product.name });
  await ctx.repos.products.update({ storeId: ctx.store.storeId, sku: product.sku }, { price, updatedAt: ctx.now.toISOString() });
  return ctx.t('price.set', { product: product.name, price: formatRupees(price), unit: ctx.t(`unitName.${product.unit}`), old: formatRupees(product.price) });
};

/** A product the shop does not stock: say so the way the forecast does. */
const forecastOrAsk: Handler = (ctx) => forecast(ctx);

/**
 * "Is my rice too expensive?" and "doodh ka rate 30 karo": the owner's price against the
 * market near them, with margin advice; a new price is saved and then placed the same way.
 */
import type { Product } from '../../domain/product.js';
import { priceFacts } from '../../engines/copilot/index.js';
import { type Answer, type Handler, type TurnContext } from '../context.js';
import { formatRupees } from '../format.js';
import { describePrice } from '../price-text.js';
import { forecast } from './forecast.js';

export const priceCheck: Handler = async (ctx) => {
  const { product } = ctx;
  if (!product) return ctx.parse.product ? forecastOrAsk(ctx) : ctx.t('forecast.whichProduct');
  return marketView(ctx, product);
};

export const setPrice: Handler = async (ctx) => {
  const { product } = ctx;
  if (!product) return ctx.parse.product ? forecastOrAsk(ctx) : ctx.t('forecast.whichProduct');
  const price = ctx.parse.price ?? (ctx.parse.quantity && !ctx.parse.quantity.unit ? ctx.parse.quantity.value : undefined);
  if (price === undefined || price <= 0 || price > 100_000) return ctx.t('price.needPrice', { product: product.name });
  const updated = await ctx.repos.products.update({ storeId: ctx.store.storeId, sku: product.sku }, { price, updatedAt: ctx.now.toISOString() });
  const saved = ctx.t('price.set', { product: product.name, price: formatRupees(price), unit: ctx.t(`unitName.${product.unit}`), old: formatRupees(product.price) });
  const view = await marketView(ctx, updated);
  return { text: [saved, view.text].join('\n'), facts: [{ label: 'new price saved', value: price, unit: '₹' }, { label: 'previous price', value: product.price, unit: '₹' }, ...view.facts] };
};

/** The market comparison, or the owner's own figures when the market has none to compare. */
async function marketView(ctx: TurnContext, product: Product): Promise<Answer> {
  const result = await ctx.market.report(product, ctx.store);
  if ('report' in result) return { text: describePrice(ctx.t, ctx.language, result.report, product), facts: priceFacts(result.report, product) };
  const margin = product.price > 0 ? Math.round(((product.price - product.cost) / product.price) * 1000) / 10 : 0;
  const own = ctx.t('price.current', { product: product.name, price: formatRupees(product.price), unit: ctx.t(`unitName.${product.unit}`), cost: formatRupees(product.cost), margin });
  // Without market figures there is nothing for a model to add: the template says it all.
  return { text: [own, ctx.t(result.reason === 'no_pack_size' ? 'price.noPack' : 'price.noMarket', { product: product.name })].join('\n'), facts: [] };
}

/** A product the shop does not stock: say so the way the forecast does. */
const forecastOrAsk: Handler = (ctx) => forecast(ctx);

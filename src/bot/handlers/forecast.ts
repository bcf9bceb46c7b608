/** "How much milk tomorrow?": one product's forecast, its range, and whether to order. */
import { FORECAST_HISTORY_DAYS, forecastProduct, forecastTotal } from '../../engines/forecast/index.js';
import { addDays } from '../../domain/dates.js';
import { hasCode } from '../../domain/errors.js';
import { isCountable } from '../../domain/product.js';
import type { Handler, TurnContext } from '../context.js';
import { formatDay, formatQuantity } from '../format.js';


export const forecast: Handler = async (ctx) => {
  const { product, span, productMentioned } = ctx.understanding;
  if (!product) {
    if (!productMentioned) return ctx.t('forecast.whichProduct');
    return ctx.t('forecast.unknownProduct', { examples: ctx.products.slice(0, 5).map((p) => p.name).join(', ') });
  }
  const history = await ctx.analytics.dailySales(ctx.store.storeId, { skus: [product.sku], from: addDays(ctx.today, -FORECAST_HISTORY_DAYS) });
  let result;
  try {
    result = forecastProduct({
      sku: product.sku,
      history,
      // Today is not over: the model rests on complete days and forecasts from today on.
      start: ctx.today,
      horizon: span.kind === 'week' ? 8 : span.offset + 1,
      countable: isCountable(product.unit),
      stockOnHand: product.stock,
      leadTimeDays: product.leadTimeDays,
    });
  } catch (error) {
    if (hasCode(error, 'FORECAST.NO_HISTORY')) return ctx.t('forecast.noHistory', { product: product.name });
    throw error;
  }
  const q = (n: number) => formatQuantity(ctx.t, n, product.unit);
  const points = span.kind === 'week' ? result.forecast.slice(1) : result.forecast.slice(span.offset);
  const total = forecastTotal(points, isCountable(product.unit));
  const when =
    span.kind === 'week'
      ? ctx.t('when.week', { from: formatDay(points[0]!.date), to: formatDay(points.at(-1)!.date) })
      : ctx.t(span.offset === 0 ? 'when.today' : span.offset === 1 ? 'when.tomorrow' : 'when.day', { date: formatDay(points[0]!.date) });
  const rec = result.recommendation;
  return [
    ctx.t('forecast.answer', {
      product: product.name,
      when,
      quantity: q(total.quantity),
      lower: q(total.lower),
      upper: q(total.upper),
      explanation: result.explanation,
    }),
    ctx.t(`forecast.confidence.${result.confidence_level}`),
    orderLine(ctx, rec.orderQuantity, rec.stockOnHand, rec.leadTimeDays, q),
  ].join('\n');
};

function orderLine(ctx: TurnContext, order: number, stock: number, days: number, q: (n: number) => string): string {
  const leadDays = Math.max(1, days);
  return order > 0
    ? ctx.t('forecast.order', { stock: q(stock), order: q(order), count: leadDays })
    : ctx.t('forecast.noOrder', { stock: q(stock), count: leadDays });
}

/** "How much milk tomorrow?" / "kal kitna doodh mangwau?": one product's forecast, its range and what to order. */
import { FORECAST_HISTORY_DAYS, forecastProduct, forecastTotal } from '../../engines/forecast/index.js';
import { addDays } from '../../domain/dates.js';
import { hasCode } from '../../domain/errors.js';
import { isCountable } from '../../domain/product.js';
import type { Handler, TurnContext } from '../context.js';
import { formatDay, formatQuantity, formatWhen } from '../format.js';

export const forecast: Handler = async (ctx) => {
  const { product } = ctx;
  if (!product) {
    if (!ctx.parse.product) return ctx.t('forecast.whichProduct');
    return ctx.t('forecast.unknownProduct', { examples: ctx.products.slice(0, 5).map((p) => p.name).join(', ') });
  }
  const day = ctx.parse.day;
  // A week: the next seven days. A day: that day (yesterday makes no sense to forecast: tomorrow).
  const week = day !== undefined && 'week' in day;
  const offset = day && 'offset' in day && day.offset >= 0 ? day.offset : 1;
  const history = await ctx.analytics.dailySales(ctx.store.storeId, { skus: [product.sku], from: addDays(ctx.today, -FORECAST_HISTORY_DAYS) });
  let result;
  try {
    result = forecastProduct({
      sku: product.sku,
      history,
      // Today is not over: the model rests on complete days and forecasts from today on.
      start: ctx.today,
      horizon: week ? 8 : offset + 1,
      countable: isCountable(product.unit),
      stockOnHand: product.stock,
      leadTimeDays: product.leadTimeDays,
    });
  } catch (error) {
    if (hasCode(error, 'FORECAST.NO_HISTORY')) return ctx.t('forecast.noHistory', { product: product.name });
    throw error;
  }
  const q = (n: number) => formatQuantity(ctx.t, n, product.unit);
  const points = week ? result.forecast.slice(1) : result.forecast.slice(offset);
  const total = forecastTotal(points, isCountable(product.unit));
  const when = week
    ? ctx.t('when.week', { from: formatDay(points[0]!.date, ctx.locale), to: formatDay(points.at(-1)!.date, ctx.locale) })
    : formatWhen(ctx.t, points[0]!.date, ctx.today, ctx.locale);
  const rec = result.recommendation;
  return [
    ctx.t('forecast.answer', { product: product.name, when, quantity: q(total.quantity), lower: q(total.lower), upper: q(total.upper) }),
    explanation(ctx, result.model, history.length),
    ctx.t(`forecast.confidence.${result.confidence_level}`),
    rec.orderQuantity > 0
      ? ctx.t('forecast.order', { stock: q(rec.stockOnHand), order: q(rec.orderQuantity), count: Math.max(1, rec.leadTimeDays) })
      : ctx.t('forecast.noOrder', { stock: q(rec.stockOnHand), count: Math.max(1, rec.leadTimeDays) }),
  ].join('\n');
};

function explanation(ctx: TurnContext, model: string, days: number): string {
  return model === 'seasonal_naive' ? ctx.t('forecast.explain.seasonal_naive') : ctx.t('forecast.explain.historic_average', { count: days });
}

/** "How much milk tomorrow?" / "kal kitna doodh mangwau?": one product's forecast, its range, why, and what to order. */
import { forecastFacts } from '../../engines/copilot/index.js';
import { forecastTotal } from '../../engines/forecast/index.js';
import { hasCode } from '../../domain/errors.js';
import { isCountable } from '../../domain/product.js';
import type { Handler } from '../context.js';
import { formatDay, formatQuantity, formatWhen } from '../format.js';
import { describeForecast } from '../forecast-text.js';

export const forecast: Handler = async (ctx) => {
  const { product } = ctx;
  if (!product) {
    if (!ctx.parse.product) return ctx.t('forecast.whichProduct');
    return ctx.t('forecast.unknownProduct', { examples: ctx.products.slice(0, 5).map((p) => p.name).join(', ') });
  }
  const day = ctx.parse.day;
  // A week: the next seven days. A day: that day (yesterday makes no sense to forecast: tomorrow).
  const week = day !== undefined && 'week' in day;
  const offset = day && 'offset' in day && day.offset >= 0 ? Math.min(day.offset, 13) : 1;
  let result;
  try {
    result = await ctx.forecasts.productForecast(ctx.store.storeId, product.sku);
  } catch (error) {
    if (hasCode(error, 'FORECAST.NO_HISTORY')) return ctx.t('forecast.noHistory', { product: product.name });
    throw error;
  }
  // Today's batch covers every product, the ones that never sold with zeros.
  if (result.model === 'no_sales') return ctx.t('forecast.noHistory', { product: product.name });
  const q = (n: number) => formatQuantity(ctx.t, n, product.unit);
  // Today is not over: the forecast starts today, so "the next 7 days" start tomorrow.
  const points = week ? result.forecast.slice(1, 8) : result.forecast.slice(offset, offset + 1);
  const total = forecastTotal(points, isCountable(product.unit));
  const when = week
    ? ctx.t('when.week', { from: formatDay(points[0]!.date, ctx.locale), to: formatDay(points.at(-1)!.date, ctx.locale) })
    : formatWhen(ctx.t, points[0]!.date, ctx.today, ctx.locale);
  const text = describeForecast(ctx.t, ctx.language, result, product, { from: points[0]!.date, to: points.at(-1)!.date });
  const reply = [
    ctx.t('forecast.answer', { product: product.name, when, quantity: q(total.quantity), lower: q(total.lower), upper: q(total.upper) }),
    text.explanation,
    ctx.t(`forecast.confidence.${week ? result.confidence_level : points[0]!.confidence}`),
    text.recommendation,
  ].join('\n');
  return { text: reply, facts: forecastFacts(result, product, { from: points[0]!.date, to: points.at(-1)!.date, ...total }) };
};

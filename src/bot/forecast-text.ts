/**
 * A forecast's reason and order advice in the owner's language, built from the factors the
 * engine reports (weekday, festivals, price, trend, stock-outs left out). The chat and the API
 * (`GET /forecast/{sku}?lang=`) say the same thing.
 */
import type { TFunction } from 'i18next';
import type { IsoDate } from '../domain/dates.js';
import type { Forecast, ForecastFactor } from '../domain/forecast.js';
import { FESTIVALS, type Festival } from '../domain/festivals.js';
import type { Language } from '../domain/language.js';
import type { Product } from '../domain/product.js';
import { formatQuantity } from './format.js';
import { INTL_LOCALE } from './i18n.js';

const percents = new Map<string, Intl.NumberFormat>();

/** "+18%" / "−10%", with the locale's digits and signs. */
function signedPercent(value: number, locale: string): string {
  let format = percents.get(locale);
  if (!format) percents.set(locale, (format = new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 })));
  return format.format(value);
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

function weekdayName(label: string, locale: string): string {
  let format = weekdayFormats.get(locale);
  if (!format) weekdayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })));
  // 2023-01-01 was a Sunday.
  return format.format(new Date(Date.UTC(2023, 0, 1 + (WEEKDAY_INDEX[label] ?? 0))));
}

const isFestival = (label: string): label is Festival => (FESTIVALS as readonly string[]).includes(label);

function factorLine(t: TFunction, locale: string, f: ForecastFactor): string | undefined {
  const change = signedPercent(f.effect, locale);
  switch (f.name) {
    case 'day_of_week':
      return Math.abs(f.effect) >= 0.1 ? t('forecast.factor.day_of_week', { weekday: weekdayName(f.label ?? '', locale), change }) : undefined;
    case 'event':
      return t('forecast.factor.event', { event: f.label && isFestival(f.label) ? t(`festival.${f.label}`) : (f.label ?? ''), change });
    case 'price':
      return t('forecast.factor.price', { price: signedPercent(f.priceChange ?? 0, locale), change });
    case 'trend':
      return t('forecast.factor.trend', { change });
    case 'stock_outs':
      return t('forecast.factor.stock_outs', { count: f.days ?? 0 });
    default:
      return undefined;
  }
}

/**
 * The reason and the order advice. `days` are the forecast days asked about: factors tied to
 * other days (another weekday, a festival next week) are left out; the weekday is mentioned
 * only for a question about one day.
 */
export function describeForecast(
  t: TFunction,
  language: Language,
  forecast: Forecast,
  product: Product,
  days: { from: IsoDate; to: IsoDate } = { from: forecast.forecast[0]?.date ?? '', to: forecast.forecast[0]?.date ?? '' },
): { explanation: string; recommendation: string } {
  const locale = INTL_LOCALE[language];
  if (forecast.model === 'no_sales') return { explanation: t('forecast.noHistory', { product: product.name }), recommendation: '' };
  const basis =
    forecast.model === 'weekly_smoothing'
      ? t('forecast.explain.weekly_smoothing')
      : forecast.model === 'seasonal_naive'
        ? t('forecast.explain.seasonal_naive')
        : t('forecast.explain.historic_average', { count: forecast.factors.find((f) => f.name === 'new_product')?.days ?? forecast.cleaning.days });
  const relevant = forecast.factors.filter((f) => {
    if (f.name === 'day_of_week') return days.from === days.to && f.from === days.from;
    return !f.from || !f.to || (f.from <= days.to && f.to >= days.from);
  });
  const reasons = relevant.map((f) => factorLine(t, locale, f)).filter((line): line is string => line !== undefined);
  const rec = forecast.recommendation;
  const q = (n: number) => formatQuantity(t, n, product.unit);
  const lead = Math.max(1, rec.leadTimeDays);
  const order =
    rec.orderQuantity > 0
      ? t('forecast.order', { stock: q(rec.stockOnHand), order: q(rec.orderQuantity), count: lead })
      : t('forecast.noOrder', { stock: q(rec.stockOnHand), count: lead });
  const safety = rec.orderQuantity > 0 && rec.safetyStock > 0 ? ` ${t('forecast.safety', { safety: q(rec.safetyStock), level: Math.round(rec.serviceLevel * 100) })}` : '';
  return { explanation: [basis, ...reasons].join(' '), recommendation: `${order}${safety}` };
}

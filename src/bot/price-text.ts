/**
 * A price report in the owner's language: where their price stands against the market near
 * them, the margin, the advice, anything unusual, and the source with its date. The chat and
 * the API (`GET /prices/{sku}?lang=`) say the same.
 */
import type { TFunction } from 'i18next';
import type { Language } from '../domain/language.js';
import type { PriceReport } from '../domain/prices.js';
import type { Product } from '../domain/product.js';
import { formatRupees } from './format.js';
import { INTL_LOCALE } from './i18n.js';

const percents = new Map<string, Intl.NumberFormat>();

function percent(value: number, locale: string, signed = false): string {
  const key = `${locale}|${signed}`;
  let format = percents.get(key);
  if (!format) percents.set(key, (format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, ...(signed ? { signDisplay: 'exceptZero' } : {}) })));
  return format.format(value);
}

const dates = new Map<string, Intl.DateTimeFormat>();

/** "27 Dec 2025": market data can be old enough for the year to matter. */
function formatDate(date: string, locale: string): string {
  let format = dates.get(locale);
  if (!format) dates.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** Rupees as an owner reads them: whole above ₹100, to the paisa below. */
const rupees = (x: number) => formatRupees(x >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

export function describePrice(t: TFunction, language: Language, report: PriceReport, product: Product): string {
  const locale = INTL_LOCALE[language];
  const unit = t(`unitName.${report.unit === 'litre' ? 'litre' : 'kg'}`);
  const diff = report.price_per_unit / report.market_avg - 1;
  const lines = [
    t('price.report', {
      product: product.name,
      price: rupees(report.current_price),
      perUnit: rupees(report.price_per_unit),
      unit,
      market: rupees(report.market_avg),
      low: rupees(report.market_range[0]),
      high: rupees(report.market_range[1]),
    }),
    t(`price.position.${report.position}`, { diff: percent(Math.abs(diff), locale) }),
  ];
  if (report.basis === 'wholesale_estimate') lines.push(t('price.estimated'));
  lines.push(t('price.margin', { margin: percent(report.margin.on_cost, locale) }));
  const rec = report.recommendation;
  if (rec.action === 'keep') lines.push(t('price.advice.keep', { target: percent(rec.target_margin, locale) }));
  else if (rec.suggested_price !== null && rec.margin_at_suggested !== null && rec.vs_market_at_suggested !== null) {
    const vs = rec.vs_market_at_suggested;
    const where = Math.round(vs * 100) === 0 ? t('price.where.at') : t(vs < 0 ? 'price.where.under' : 'price.where.over', { diff: percent(Math.abs(vs), locale) });
    lines.push(t(`price.advice.${rec.action}`, { price: rupees(rec.suggested_price), where, margin: percent(rec.margin_at_suggested, locale) }));
  }
  for (const anomaly of report.anomalies) {
    if (anomaly.kind === 'far_from_market') continue; // the position says it already
    const usual = anomaly.kind === 'own_price_jump' ? rupees(report.current_price / (1 + anomaly.change)) : '';
    // "Moved" can go either way and carries its sign; "rose" and "jumped" say it in words.
    lines.push(t(`price.anomaly.${anomaly.kind}`, { change: percent(anomaly.kind === 'own_price_jump' ? anomaly.change : Math.abs(anomaly.change), locale, anomaly.kind === 'own_price_jump'), usual }));
  }
  const source = report.sources[0];
  if (source) lines.push(t('price.source', { source: source.name, market: source.market, date: formatDate(source.date, locale) }));
  if (report.stale) lines.push(t('price.stale', { date: formatDate(report.as_of, locale) }));
  return lines.join('\n');
}

/**
 * Facts: the only numbers the copilot may say. Handlers build them from the engines' results
 * (a forecast, a price report, the week's sales); each carries its unit and, where it has
 * one, its date and source, so the model can cite and the grounding check can verify.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { Forecast } from '../../domain/forecast.js';
import type { PriceReport } from '../../domain/prices.js';

export interface Fact {
  /** What the figure is, in plain English ("forecast for 27 Nov", "market average"). */
  label: string;
  value: number | string;
  unit?: string;
  date?: IsoDate;
  source?: string;
}

const pct = (share: number) => Math.round(share * 1000) / 10;
const money = (x: number) => Math.round(x * 100) / 100;

/** One product's forecast over the days asked about, with the order advice behind it. */
export function forecastFacts(
  forecast: Forecast,
  product: { name: string; unit: string },
  window: { from: IsoDate; to: IsoDate; quantity: number; lower: number; upper: number },
): Fact[] {
  const unit = product.unit;
  const rec = forecast.recommendation;
  const period = window.from === window.to ? window.from : `${window.from} to ${window.to}`;
  const facts: Fact[] = [
    { label: 'product', value: product.name },
    { label: `expected sales, ${period}`, value: window.quantity, unit, date: window.from },
    { label: 'likely range (80 %), low', value: window.lower, unit },
    { label: 'likely range (80 %), high', value: window.upper, unit },
    { label: 'confidence', value: forecast.confidence_level },
    { label: 'stock on hand', value: rec.stockOnHand, unit },
    { label: 'supplier lead time', value: Math.max(1, rec.leadTimeDays), unit: 'days' },
    { label: 'suggested order now', value: rec.orderQuantity, unit },
  ];
  if (rec.orderQuantity > 0 && rec.safetyStock > 0) {
    facts.push({ label: 'safety stock included', value: rec.safetyStock, unit }, { label: 'service level', value: pct(rec.serviceLevel), unit: '%' });
  }
  for (const factor of forecast.factors) {
    const inWindow = !factor.from || !factor.to || (factor.from <= window.to && factor.to >= window.from);
    if (!inWindow || factor.effect === 0) continue;
    facts.push({ label: `effect of ${factor.name.replace(/_/g, ' ')}${factor.label ? ` (${factor.label})` : ''}`, value: pct(factor.effect), unit: '%' });
  }
  return facts;
}

/** A price report: the owner's price, the market's, the margin, the advice and where the figures come from. */
export function priceFacts(report: PriceReport, product: { name: string }): Fact[] {
  const source = report.sources[0];
  const cite = source ? { date: source.date, source: `${source.name}, ${source.market}` } : {};
  const per = `₹/${report.unit}`;
  const facts: Fact[] = [
    { label: 'product', value: product.name },
    { label: 'your price per pack', value: report.current_price, unit: '₹' },
    { label: 'your price per unit', value: money(report.price_per_unit), unit: per },
    { label: `market average (${report.scope}, ${report.basis.replace('_', ' ')})`, value: money(report.market_avg), unit: per, ...cite },
    { label: 'market range, low', value: money(report.market_range[0]), unit: per },
    { label: 'market range, high', value: money(report.market_range[1]), unit: per },
    { label: 'your position', value: report.position.replace(/_/g, ' ') },
    { label: 'difference from market average', value: pct(Math.abs(report.price_per_unit / report.market_avg - 1)), unit: '%' },
    { label: 'your margin on cost', value: pct(report.margin.on_cost), unit: '%' },
    { label: 'target margin', value: pct(report.recommendation.target_margin), unit: '%' },
    { label: 'advice', value: report.recommendation.action.replace('_', ' ') },
  ];
  const rec = report.recommendation;
  if (rec.suggested_price !== null) facts.push({ label: 'suggested price per pack', value: rec.suggested_price, unit: '₹' });
  if (rec.margin_at_suggested !== null) facts.push({ label: 'margin at the suggested price', value: pct(rec.margin_at_suggested), unit: '%' });
  if (rec.vs_market_at_suggested !== null) facts.push({ label: 'suggested price vs market average', value: pct(rec.vs_market_at_suggested), unit: '%' });
  for (const anomaly of report.anomalies) facts.push({ label: `alert: ${anomaly.kind.replace(/_/g, ' ')}`, value: pct(Math.abs(anomaly.change)), unit: '%' });
  facts.push({ label: 'market data as of', value: report.as_of, date: report.as_of }, { label: 'market data is old', value: report.stale ? 'yes' : 'no' });
  return facts;
}

/** The facts as the prompt lists them, one per line. */
export function renderFacts(facts: Fact[]): string {
  return facts
    .map((f) => {
      const notes = [f.date && !String(f.value).includes(f.date) ? `date ${f.date}` : '', f.source ? `source ${f.source}` : ''].filter(Boolean);
      return `- ${f.label}: ${f.value}${f.unit ? ` ${f.unit}` : ''}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    })
    .join('\n');
}

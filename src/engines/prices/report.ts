/**
 * Where a store's price stands: the market figures nearest the store (its district's markets,
 * else its state's, else the country's), aggregated robustly, compared with the store's price
 * per kg or litre, with margin advice and anything unusual worth the owner's attention.
 */
import { addDays, daysBetween, type IsoDate } from '../../domain/dates.js';
import type { MarketCommodity, MarketQuote, Position, PriceAnomaly, PriceReport, PriceSource } from '../../domain/prices.js';
import type { Product } from '../../domain/product.js';
import type { Store } from '../../domain/store.js';
import { COMMODITIES, commodityOf, packOf } from './commodities.js';
import { CITY_WHOLESALE_MARKUP, MANDI_MARKUP } from './markups.js';
import { robustSummary } from './robust.js';

/**
 * Position thresholds on the store's price against the market average, as a share of the
 * average: within ±3 % is at market; 3–10 % slightly; 10–20 % below/above; beyond 20 % well.
 */
export const POSITION_THRESHOLDS = { at: 0.03, slightly: 0.1, clearly: 0.2 } as const;

export function positionOf(price: number, market: number): Position {
  // Rounded to a tenth of a percent, so ₹103 against ₹100 is exactly 3 %.
  const d = Math.round((price / market - 1) * 1000) / 1000;
  const { at, slightly, clearly } = POSITION_THRESHOLDS;
  if (Math.abs(d) <= at) return 'at_market';
  if (d > 0) return d <= slightly ? 'slightly_above' : d <= clearly ? 'above' : 'well_above';
  return -d <= slightly ? 'slightly_below' : -d <= clearly ? 'below' : 'well_below';
}

const SOURCE_NAMES: Record<MarketQuote['source'], string> = {
  agmarknet: 'AGMARKNET mandi prices (data.gov.in)',
  dca_retail: 'Dept. of Consumer Affairs retail prices',
  dca_wholesale: 'Dept. of Consumer Affairs wholesale prices',
};

/** Market data this much older than today is reported as stale. */
export const STALE_AFTER_DAYS = 3;
/** Figures within a week of a market's newest report count as current for it. */
const WINDOW_DAYS = 7;
export const DEFAULT_TARGET_MARGIN = 0.15;

export interface PriceContext {
  quotes: readonly MarketQuote[];
  today: IsoDate;
  /** The last refresh failed or the data is old: say so. */
  stale?: boolean;
  /** The margin the owner aims for, as a share of the price. */
  targetMargin?: number;
  /** The store's own recent selling prices per pack (from its sales rows), oldest first. */
  ownPrices?: ReadonlyArray<{ date: IsoDate; price: number }>;
  /** Wholesale per unit a fortnight ago in the same scope, for the margin squeeze check. */
  wholesaleBefore?: number;
  /** Market spikes found in the price history for this commodity. */
  spikes?: ReadonlyArray<{ date: IsoDate; change: number }>;
}

const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/\(.*?\)|apmc|[^a-z]/g, '');

/** The latest figure of each market (and variety) within a week of the feed's newest day. */
function current(quotes: readonly MarketQuote[]): MarketQuote[] {
  if (quotes.length === 0) return [];
  const newest = quotes.reduce((max, q) => (q.date > max ? q.date : max), quotes[0]!.date);
  const from = addDays(newest, -WINDOW_DAYS);
  const latest = new Map<string, MarketQuote>();
  for (const q of quotes) {
    if (q.date < from) continue;
    const key = `${q.source}|${q.market}|${q.variety ?? ''}|${q.grade ?? ''}`;
    const seen = latest.get(key);
    if (!seen || q.date > seen.date) latest.set(key, q);
  }
  return [...latest.values()];
}

interface Scoped {
  scope: PriceReport['scope'];
  quotes: MarketQuote[];
}

/** A scope needs this many market figures to stand for it; one mandi alone can be odd. */
const MIN_FIGURES = 3;

/** The nearest markets that report: the store's district (or city), its state, the country. */
function nearest(quotes: MarketQuote[], store: Pick<Store, 'state' | 'city' | 'district'>): Scoped | undefined {
  if (quotes.length === 0) return undefined;
  const places = [store.district, store.city].map(norm).filter((p) => p.length > 2);
  const local = quotes.filter((q) => places.some((p) => norm(q.district) === p || norm(q.market).startsWith(p)));
  if (local.length >= MIN_FIGURES) return { scope: 'district', quotes: local };
  const state = quotes.filter((q) => q.state === store.state);
  if (state.length >= MIN_FIGURES) return { scope: 'state', quotes: state };
  return quotes.length >= MIN_FIGURES ? { scope: 'national', quotes } : undefined;
}

/**
 * Varieties priced apart: basmati is not common rice. A product named for a variety is
 * compared with that variety only; any other product of the commodity with the rest.
 */
const VARIETIES: Partial<Record<MarketCommodity, Array<{ product: RegExp; quote: RegExp }>>> = {
  rice: [{ product: /basmati/i, quote: /basmati|1121|pusa/i }],
};

function sameVariety(quotes: MarketQuote[], product: Product, commodity: MarketCommodity): MarketQuote[] {
  const groups = VARIETIES[commodity] ?? [];
  const group = groups.find((g) => g.product.test(product.name));
  if (group) return quotes.filter((q) => group.quote.test(q.variety ?? ''));
  return quotes.filter((q) => !groups.some((g) => g.quote.test(q.variety ?? '')));
}

function sourcesOf(quotes: MarketQuote[]): PriceSource[] {
  const seen = new Map<string, PriceSource>();
  for (const q of [...quotes].sort((a, b) => (a.date < b.date ? 1 : -1))) {
    const key = `${q.source}|${q.market}`;
    if (!seen.has(key)) seen.set(key, { name: SOURCE_NAMES[q.source], market: q.market, date: q.date });
  }
  return [...seen.values()].slice(0, 5);
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The report for one product, or a reason it cannot be made: the product maps to no market
 * commodity, its pack size is unknown, or no market reports the commodity.
 */
export function priceReport(
  product: Product,
  store: Pick<Store, 'state' | 'city' | 'district'>,
  context: PriceContext,
): { report: PriceReport } | { reason: 'no_commodity' | 'no_pack_size' | 'no_market_data'; commodity?: MarketCommodity } {
  const commodity = commodityOf(product);
  if (!commodity) return { reason: 'no_commodity' };
  const pack = packOf(product, commodity);
  if (!pack) return { reason: 'no_pack_size', commodity };
  const quotes = current(sameVariety(context.quotes.filter((q) => q.commodity === commodity), product, commodity));
  const retail = nearest(
    quotes.filter((q) => q.level === 'retail'),
    store,
  );
  const wholesale = nearest(
    quotes.filter((q) => q.level === 'wholesale'),
    store,
  );
  if (!retail && !wholesale) return { reason: 'no_market_data', commodity };

  const perUnit = product.price / pack;
  const wholesaleSummary = wholesale ? robustSummary(wholesale.quotes.map((q) => q.price)) : undefined;
  let basis: PriceReport['basis'];
  let market: { avg: number; low: number; high: number };
  let used: Scoped;
  // Retail against retail where a retail figure exists at the same or a nearer scope than wholesale.
  const rank = { district: 0, state: 1, national: 2 } as const;
  if (retail && (!wholesale || rank[retail.scope] <= rank[wholesale.scope])) {
    const s = robustSummary(retail.quotes.map((q) => q.price));
    market = { avg: s.median, low: s.low, high: s.high };
    basis = 'retail';
    used = retail;
  } else {
    // Shop prices estimated from wholesale with the measured markup of that kind of wholesale.
    const w = wholesale!;
    const [low, typical, high] = w.quotes.every((q) => q.source === 'agmarknet') ? MANDI_MARKUP[commodity] : CITY_WHOLESALE_MARKUP[commodity];
    // The range widens by how much shops' markups differ, as well as how much markets' prices do.
    market = { avg: wholesaleSummary!.median * typical, low: wholesaleSummary!.low * low, high: wholesaleSummary!.high * high };
    basis = 'wholesale_estimate';
    used = w;
  }
  const asOf = used.quotes.reduce((max, q) => (q.date > max ? q.date : max), used.quotes[0]!.date);
  const stale = context.stale === true || daysBetween(asOf, context.today) > STALE_AFTER_DAYS;
  const position = positionOf(perUnit, market.avg);
  const target = context.targetMargin ?? DEFAULT_TARGET_MARGIN;
  const wholesaleAvg = wholesaleSummary?.median ?? null;
  const margin = {
    on_cost: product.price > 0 ? round((product.price - product.cost) / product.price, 3) : 0,
    on_wholesale: wholesaleAvg !== null && perUnit > 0 ? round((perUnit - wholesaleAvg) / perUnit, 3) : null,
  };
  const recommendation = advise({ perUnit, pack, cost: product.cost / pack, market, target, margin: margin.on_cost });
  const anomalies = findAnomalies({ product, perUnit, market: market.avg, position, wholesaleAvg, context });

  return {
    report: {
      sku: product.sku,
      commodity,
      current_price: product.price,
      price_per_unit: round(perUnit),
      unit: COMMODITIES[commodity].unit,
      market_avg: round(market.avg),
      market_range: [round(market.low), round(market.high)],
      basis,
      wholesale_avg: wholesaleAvg === null ? null : round(wholesaleAvg),
      scope: used.scope,
      position,
      margin,
      recommendation,
      anomalies,
      sources: sourcesOf(used.quotes),
      as_of: asOf,
      stale,
    },
  };
}

/**
 * The margin optimiser: a price inside the competitive band (the range most markets charge,
 * kept within 10 % of the average and at least ±3 %) that reaches the target margin on cost,
 * as close to the current price as that allows; when the cost is too high for that, the top of
 * the band and a word about the cost. Whole rupees per pack.
 */
function advise(a: { perUnit: number; pack: number; cost: number; market: { avg: number; low: number; high: number }; target: number; margin: number }): PriceReport['recommendation'] {
  const perPack = (x: number) => Math.round(x * a.pack);
  // Within 10 % of the average (no further than "slightly" above or below), where the markets' range allows.
  const lo = Math.min(Math.max(a.market.low, a.market.avg * (1 - POSITION_THRESHOLDS.slightly)), a.market.avg * 0.97);
  const hi = Math.max(Math.min(a.market.high, a.market.avg * (1 + POSITION_THRESHOLDS.slightly)), a.market.avg * 1.03);
  const atTarget = a.cost / (1 - a.target);
  const targetPct = Math.round(a.target * 100);
  const current = perPack(a.perUnit);
  /** The figures at a suggested pack price. */
  const at = (price: number) => {
    const unit = price / a.pack;
    return { suggested_price: price, margin_at_suggested: round(1 - (a.cost * a.pack) / price, 3), vs_market_at_suggested: round(unit / a.market.avg - 1, 3) };
  };
  const none = { suggested_price: null, margin_at_suggested: null, vs_market_at_suggested: null };
  const where = (vs: number) => (Math.round(vs * 100) === 0 ? 'at the local average' : `${Math.abs(Math.round(vs * 100))}% ${vs < 0 ? 'under' : 'over'} the local average`);
  if (atTarget > hi) {
    // The target is out of reach inside the band: go to its top (the most the market allows),
    // unless even that would sell at a loss; then the cost is what needs looking at.
    const best = at(perPack(hi));
    const margin = `${Math.round(best.margin_at_suggested * 100)}%`;
    if (best.margin_at_suggested < 0 || best.suggested_price === current) {
      return {
        action: 'review_cost',
        ...best,
        target_margin: a.target,
        reason: `Your cost is high for this market: even at ₹${best.suggested_price} (the top of the competitive range) the margin would be ${margin}. Compare suppliers.`,
      };
    }
    return {
      action: best.suggested_price > current ? 'raise' : 'lower',
      ...best,
      target_margin: a.target,
      reason: `₹${best.suggested_price}, the top of the competitive range, gives the most margin the market allows: ${margin}.`,
    };
  }
  const inBand = a.perUnit >= lo - 1e-9 && a.perUnit <= hi + 1e-9;
  if (inBand && a.margin >= a.target - 0.005) return { action: 'keep', ...none, target_margin: a.target, reason: `Your price is within the local range and makes your ${targetPct}% margin.` };
  // The nearest price to the current one that is inside the band and makes the target.
  const suggested = perPack(Math.min(Math.max(a.perUnit, atTarget, lo), hi));
  if (suggested === current) return { action: 'keep', ...none, target_margin: a.target, reason: `Your price is already the best one inside the local range for a ${targetPct}% margin.` };
  const s = at(suggested);
  return {
    action: suggested > current ? 'raise' : 'lower',
    ...s,
    target_margin: a.target,
    reason: `₹${suggested} keeps you ${where(s.vs_market_at_suggested)} and gives a ${Math.round(s.margin_at_suggested * 100)}% margin.`,
  };
}

function findAnomalies(a: {
  product: Product;
  perUnit: number;
  market: number;
  position: Position;
  wholesaleAvg: number | null;
  context: PriceContext;
}): PriceAnomaly[] {
  const out: PriceAnomaly[] = [];
  const d = a.perUnit / a.market - 1;
  if (a.position === 'well_above' || a.position === 'well_below') {
    out.push({ kind: 'far_from_market', change: round(d, 3), detail: `your price is ${Math.round(Math.abs(d) * 100)}% ${d > 0 ? 'above' : 'below'} the market average` });
  }
  // The catalogue price against what the shop charged over the last four weeks of sales.
  const recent = (a.context.ownPrices ?? []).filter((p) => p.date >= addDays(a.context.today, -28)).map((p) => p.price);
  if (recent.length >= 3) {
    const usual = robustSummary(recent).median;
    const change = a.product.price / usual - 1;
    if (Math.abs(change) >= 0.2) out.push({ kind: 'own_price_jump', change: round(change, 3), detail: `your price moved ${Math.round(change * 100)}% from the ₹${round(usual)} you charged lately` });
  }
  // Wholesale rose and the margin over it is thin.
  if (a.wholesaleAvg !== null && a.context.wholesaleBefore) {
    const rise = a.wholesaleAvg / a.context.wholesaleBefore - 1;
    const marginOverWholesale = 1 - a.wholesaleAvg / a.perUnit;
    if (rise >= 0.1 && marginOverWholesale < 0.08) {
      out.push({ kind: 'margin_squeeze', change: round(rise, 3), detail: `wholesale rose ${Math.round(rise * 100)}% in two weeks; your margin over it is ${Math.round(marginOverWholesale * 100)}%` });
    }
  }
  for (const spike of a.context.spikes ?? []) {
    if (spike.date >= addDays(a.context.today, -14)) out.push({ kind: 'market_spike', change: round(spike.change, 3), detail: `market price up ${Math.round(spike.change * 100)}% in a week (from ${spike.date})` });
  }
  return out;
}

/**
 * Simulated daily sales for the demo store, deterministic for a seed and an end date. Each
 * product's level, weekly profile, dispersion, zero days and price steps come from the shapes
 * measured on real retail data (demand-params.ts); Indian festivals add their windows' lifts.
 */
import { addDays, dayOfWeek, type IsoDate } from '../domain/dates.js';
import { festivalWindows } from '../domain/festivals.js';
import type { Sale } from '../domain/sale.js';
import type { DemoProduct } from './catalogue.js';
import { DEMAND_GROUPS, levelAtRank, zeroShareAtRank } from './demand-params.js';
import { festivalLift } from './festival-lifts.js';
import { Random } from './random.js';

export interface GeneratedHistory {
  sales: Sale[];
  /** Each product's price on the last day, and its typical daily demand. */
  products: Map<string, { price: number; dailyLevel: number }>;
}

/** Stock-outs last two days on average (the data gives their share, not their length). */
const STOCKOUT_STAY = 0.5;

export function generateHistory(options: { catalogue: DemoProduct[]; end: IsoDate; days: number; state: string; seed: string }): GeneratedHistory {
  const start = addDays(options.end, -(options.days - 1));
  const windows = festivalWindows(start, options.end, { state: options.state });
  const sales: Sale[] = [];
  const products = new Map<string, { price: number; dailyLevel: number }>();

  for (const product of options.catalogue) {
    const group = DEMAND_GROUPS[product.group];
    const random = new Random(`${options.seed}:${product.sku}`);
    const level = levelAtRank(group.level, product.rank);
    const dispersion = group.dispersion.p50;
    const prices = pricePath(product, options.days, random);
    const targetZeros = zeroShareAtRank(group.zeroShare, product.rank);
    // Zeros the noise alone gives at this level (negative binomial; weighed goods ~never);
    // stock-out runs make up the rest of the measured share.
    const k = level / (dispersion - 1);
    const naturalZeros = isWeighed(product) ? 0 : (k / (k + level)) ** k;
    const extra = Math.max(0, (targetZeros - naturalZeros) / (1 - naturalZeros));
    const enterOut = extra > 0 ? (extra * (1 - STOCKOUT_STAY)) / (1 - extra) : 0;
    // The measured level averages over all days, empty ones included: selling days make up for them.
    const sellingLevel = level / (1 - extra);
    let out = false;

    for (let i = 0; i < options.days; i++) {
      const date = addDays(start, i);
      out = out ? random.next() < STOCKOUT_STAY : random.next() < enterOut;
      let mean = sellingLevel * group.weekly[dayOfWeek(date)]!;
      for (const w of windows) {
        if (date >= w.start && date <= w.end) mean *= festivalLift(w.festival, product.tags, options.state, date === w.peak);
      }
      const qty = out ? 0 : drawQuantity(product, mean, dispersion, random);
      sales.push({ date, sku: product.sku, qty, price: prices[i]! });
    }
    products.set(product.sku, { price: prices.at(-1)!, dailyLevel: level });
  }
  return { sales, products };
}

/** Loose goods are weighed (50 g steps); packed goods sell in whole units. */
function drawQuantity(product: DemoProduct, mean: number, dispersion: number, random: Random): number {
  if (isWeighed(product)) {
    if (mean <= 0) return 0;
    const shape = mean / dispersion;
    const kg = random.gamma(shape, dispersion);
    return Math.round(kg * 20) / 20;
  }
  return random.negativeBinomial(mean, dispersion);
}

/**
 * A price path that ends at today's catalogue price: steps at the measured rate and size,
 * walked backwards from today. Fresh produce moves often and reverts to its usual price.
 */
function pricePath(product: DemoProduct, days: number, random: Random): number[] {
  const group = DEMAND_GROUPS[product.group];
  const stepRate = group.priceStepsPerYear / 365;
  const sigma = Math.log(group.priceStepPct.p90 / group.priceStepPct.p50) / 1.2816;
  const fresh = product.group === 'fresh_produce';
  const path = new Array<number>(days);
  let logPrice = Math.log(product.price);
  for (let i = days - 1; i >= 0; i--) {
    path[i] = roundPrice(Math.exp(logPrice));
    if (random.next() < stepRate) {
      const step = Math.log(1 + group.priceStepPct.p50 * Math.exp(sigma * random.normal()));
      // Walking backwards, an upward move in time is a downward move here.
      logPrice += random.next() < group.priceUpShare ? -step : step;
      if (fresh) logPrice = Math.log(product.price) + 0.7 * (logPrice - Math.log(product.price));
    }
  }
  return path;
}

function roundPrice(price: number): number {
  return price < 20 ? Math.round(price * 2) / 2 : Math.round(price);
}

function isWeighed(product: DemoProduct): boolean {
  return product.unit === 'kg' || product.unit === 'litre';
}

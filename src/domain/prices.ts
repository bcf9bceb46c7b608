/**
 * Market prices: what government feeds say a commodity sold for, where and when, and how a
 * store's own price compares. Every figure keeps its source, market and date, so every answer
 * can cite them.
 */
import type { IsoDate } from './dates.js';

/** Commodities the market feeds report, keyed as the canonical products they price. */
export const MARKET_COMMODITIES = [
  'rice', 'wheat', 'wheat_atta', 'maida', 'tur_dal', 'chana_dal', 'moong_dal', 'masoor_dal', 'urad_dal',
  'sugar', 'jaggery', 'salt', 'tea', 'milk', 'mustard_oil', 'groundnut_oil', 'sunflower_oil', 'onion', 'potato', 'tomato',
] as const;
export type MarketCommodity = (typeof MARKET_COMMODITIES)[number];

export type MarketSourceName = 'agmarknet' | 'dca_retail' | 'dca_wholesale';

/** One reported price, normalised to rupees per kg (per litre for milk and oils). */
export interface MarketQuote {
  source: MarketSourceName;
  commodity: MarketCommodity;
  /** The commodity as the feed names it ("Arhar Dal(Tur Dal)"). */
  feedName: string;
  variety?: string;
  grade?: string;
  /** Mandi or DCA centre. */
  market: string;
  district?: string;
  /** ISO state code (`MH`), when known. */
  state?: string;
  date: IsoDate;
  level: 'retail' | 'wholesale';
  unit: 'kg' | 'litre';
  /** Rupees per unit: the modal (most common) price, and the day's range where reported. */
  price: number;
  min?: number;
  max?: number;
}

/** Where a store's price sits against the market, by its distance from the market average. */
export const POSITIONS = ['well_below', 'below', 'slightly_below', 'at_market', 'slightly_above', 'above', 'well_above'] as const;
export type Position = (typeof POSITIONS)[number];

export interface PriceSource {
  name: string;
  market: string;
  date: IsoDate;
}

export type PriceAnomalyKind = 'far_from_market' | 'own_price_jump' | 'margin_squeeze' | 'market_spike';

export interface PriceAnomaly {
  kind: PriceAnomalyKind;
  /** Relative size (0.35 = 35 %). */
  change: number;
  detail: string;
}

/** The design's price report for one product, extended with its sources and freshness. */
export interface PriceReport {
  sku: string;
  commodity: MarketCommodity;
  /** The store's price per pack and per market unit (kg or litre). */
  current_price: number;
  price_per_unit: number;
  unit: 'kg' | 'litre';
  /** Retail market average per unit, and the range most markets fall in. */
  market_avg: number;
  market_range: [number, number];
  /** Whether the retail figure was reported (retail) or estimated from mandi prices (wholesale × typical markup). */
  basis: 'retail' | 'wholesale_estimate';
  /** Wholesale per unit: the cost proxy. */
  wholesale_avg: number | null;
  /** Which markets the figures come from: the store's district, its state, or the whole country. */
  scope: 'district' | 'state' | 'national';
  position: Position;
  /** Margin on the store's cost, and on the wholesale price when known (shares of the price). */
  margin: { on_cost: number; on_wholesale: number | null };
  /** The margin optimiser: keep, move the price (to `suggested_price`), or look at the cost (it is above what the market allows). */
  recommendation: {
    action: 'keep' | 'lower' | 'raise' | 'review_cost';
    /** Per pack, whole rupees; for `review_cost`, the top of the local range. */
    suggested_price: number | null;
    /** At the suggested price: the margin on cost, and the distance from the market average (−0.03 = 3 % under). */
    margin_at_suggested: number | null;
    vs_market_at_suggested: number | null;
    target_margin: number;
    /** The same in plain English. */
    reason: string;
  };
  anomalies: PriceAnomaly[];
  sources: PriceSource[];
  /** The newest figure's date, and whether the data is older than it should be. */
  as_of: IsoDate;
  stale: boolean;
}

/**
 * How far shop (retail) prices sit above the wholesale prices the feeds report, per commodity,
 * as [p25, median, p75] of retail ÷ wholesale: used to estimate the local retail price, and the
 * range most shops charge, when only wholesale figures are at hand (the bundled snapshot, or a
 * day without a DCA retail report). Measured by scripts/measure-retail-markups.ts on the
 * Department of Consumer Affairs' centre-wise daily retail and wholesale prices (2016–2021)
 * and, for vegetables, mustard oil and masoor dal, on AGMARKNET mandi modal prices against DCA
 * retail prices in the same state on the same day (2006–2021). Vegetables pass through more
 * hands: a mandi onion is about half its shop price.
 */
import type { MarketCommodity } from '../../domain/prices.js';

export type Markup = readonly [low: number, typical: number, high: number];

/** Retail ÷ DCA city wholesale price. */
export const CITY_WHOLESALE_MARKUP: Record<MarketCommodity, Markup> = {
  rice: [1.075, 1.103, 1.149],
  wheat: [1.077, 1.111, 1.15],
  wheat_atta: [1.083, 1.12, 1.174],
  // Not in the DCA report: as atta.
  maida: [1.083, 1.12, 1.174],
  tur_dal: [1.045, 1.071, 1.121],
  chana_dal: [1.05, 1.083, 1.136],
  moong_dal: [1.048, 1.074, 1.125],
  masoor_dal: [1.056, 1.083, 1.14],
  urad_dal: [1.044, 1.071, 1.123],
  sugar: [1.051, 1.068, 1.103],
  jaggery: [1.07, 1.111, 1.172],
  salt: [1.111, 1.161, 1.25],
  tea: [1.05, 1.1, 1.158],
  milk: [1.045, 1.059, 1.1],
  mustard_oil: [1.032, 1.056, 1.1],
  groundnut_oil: [1.028, 1.044, 1.077],
  sunflower_oil: [1.028, 1.048, 1.08],
  onion: [1.154, 1.25, 1.4],
  potato: [1.167, 1.25, 1.455],
  tomato: [1.143, 1.25, 1.429],
};

/** Retail ÷ AGMARKNET mandi modal price: measured where the mandi record allows, else as city wholesale. */
export const MANDI_MARKUP: Record<MarketCommodity, Markup> = {
  ...CITY_WHOLESALE_MARKUP,
  masoor_dal: [0.977, 1.026, 1.062],
  mustard_oil: [1.015, 1.083, 1.147],
  onion: [1.571, 1.837, 2.282],
  potato: [1.362, 1.6, 2.0],
  tomato: [1.778, 2.105, 2.75],
};

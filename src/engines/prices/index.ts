/**
 * The prices engine: market figures in (normalised quotes from the feeds), the design's price
 * report out: where the store's price sits against the nearest markets, its margin, a price
 * suggestion, and anomalies; and spike detection over a commodity's price history.
 */
export { COMMODITIES, commodityOf, commodityOfAgmarknet, commodityOfDcaColumn, packOf, type CommodityInfo } from './commodities.js';
export { DCA_CENTRE_STATES } from './dca-centres.js';
export { CITY_WHOLESALE_MARKUP, MANDI_MARKUP } from './markups.js';
export { DEFAULT_TARGET_MARGIN, POSITION_THRESHOLDS, positionOf, priceReport, STALE_AFTER_DAYS, type PriceContext } from './report.js';
export { median, robustSummary, type RobustSummary } from './robust.js';
export { detectSpikes, type PricePoint, type Spike, type SpikeOptions } from './spikes.js';

/**
 * How much to order: what the shelf will sell before a new delivery lands, plus safety stock
 * so that most lead times (the service level, 95 % by default) end without running out, minus
 * what is already on it.
 */
import type { ReorderRecommendation } from '../../domain/forecast.js';

export function reorderQuantity(input: {
  /** Forecast demand summed over the lead time. */
  expectedDemand: number;
  /** The lead-time demand that is not exceeded with probability `serviceLevel`. */
  demandAtServiceLevel: number;
  leadTimeDays: number;
  stockOnHand: number;
  serviceLevel: number;
  countable: boolean;
}): ReorderRecommendation {
  const round = (x: number) => (input.countable ? Math.ceil(x - 1e-9) : Math.ceil(x * 10 - 1e-9) / 10);
  const expected = round(input.expectedDemand);
  const cover = Math.max(round(input.demandAtServiceLevel), expected);
  return {
    orderQuantity: Math.max(0, round(cover - input.stockOnHand)),
    leadTimeDays: input.leadTimeDays,
    expectedDemand: expected,
    safetyStock: round(cover - expected),
    serviceLevel: input.serviceLevel,
    stockOnHand: input.stockOnHand,
  };
}

/**
 * How much to order: what the shelf will sell before a new delivery lands, plus safety stock
 * for a bad day, minus what is already on it.
 */
import type { ReorderRecommendation } from '../../domain/forecast.js';

/** z for a one-sided service level: 95 % of lead times end without a stock-out. */
const SERVICE_Z: Record<number, number> = { 0.9: 1.2816, 0.95: 1.6449, 0.98: 2.0537, 0.99: 2.3263 };

export function reorderQuantity(input: {
  /** Forecast means, day by day from the first day of the lead time. */
  dailyDemand: readonly number[];
  /** Standard deviation of one day's forecast error. */
  dailySigma: number;
  leadTimeDays: number;
  stockOnHand: number;
  serviceLevel?: number;
  countable: boolean;
}): ReorderRecommendation {
  const days = Math.max(1, input.leadTimeDays);
  const expected = input.dailyDemand.slice(0, days).reduce((a, b) => a + b, 0);
  const z = SERVICE_Z[input.serviceLevel ?? 0.95] ?? SERVICE_Z[0.95]!;
  const safety = z * input.dailySigma * Math.sqrt(days);
  const round = (x: number) => (input.countable ? Math.ceil(x) : Math.ceil(x * 10) / 10);
  const order = Math.max(0, expected + safety - input.stockOnHand);
  return {
    orderQuantity: round(order),
    leadTimeDays: input.leadTimeDays,
    expectedDemand: round(expected),
    safetyStock: round(safety),
    stockOnHand: input.stockOnHand,
  };
}

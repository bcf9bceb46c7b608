import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { dailySeries, forecastProduct, forecastTotal } from '../../src/engines/forecast/index.js';

/** Eight weeks of a clear weekly pattern: quiet midweek, busy weekend, a little noise. */
const weekly = [30, 22, 20, 21, 23, 28, 35];
const START = '2025-11-24'; // a Monday
const history = Array.from({ length: 56 }, (_, i) => ({ date: addDays(START, i - 56), qty: weekly[(i + 1) % 7]! + ((i * 7) % 3) - 1 }));

const request = { sku: 'MILK', history, start: START, horizon: 7, countable: true, stockOnHand: 10, leadTimeDays: 1 };

describe('forecast engine (seasonal naive)', () => {
  it('repeats the same weekday of last week', () => {
    const f = forecastProduct(request);
    const lastWeek = history.slice(-7).map((s) => s.qty);
    expect(f.model).toBe('seasonal_naive');
    expect(f.forecast.map((p) => p.quantity)).toEqual(lastWeek);
    expect(f.forecast.map((p) => p.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(START, i)));
  });

  it('gives 80 % ranges that contain the forecast, never negative, whole numbers for packets', () => {
    for (const p of forecastProduct(request).forecast) {
      expect(p.lower).toBeGreaterThanOrEqual(0);
      expect(p.lower).toBeLessThanOrEqual(p.quantity);
      expect(p.upper).toBeGreaterThan(p.quantity);
      expect([p.quantity, p.lower, p.upper].every(Number.isInteger)).toBe(true);
    }
    const loose = forecastProduct({ ...request, countable: false, history: history.map((s) => ({ ...s, qty: s.qty / 4 })) });
    expect(loose.forecast.some((p) => !Number.isInteger(p.quantity))).toBe(true);
  });

  it('counts days without a sales row as days without sales', () => {
    const gappy = history.filter((s) => s.date !== addDays(START, -7));
    const series = dailySeries(gappy, START)!;
    expect(series.values).toHaveLength(56);
    expect(series.values[49]).toBe(0);
    expect(forecastProduct({ ...request, history: gappy }).forecast[0]!.quantity).toBe(0);
  });

  it('ignores sales on or after the first forecast day', () => {
    const leaked = [...history, { date: START, qty: 9999 }];
    expect(forecastProduct({ ...request, history: leaked }).forecast).toEqual(forecastProduct(request).forecast);
  });

  it('labels a new product low confidence and falls back to its average', () => {
    const young = history.slice(-5);
    const f = forecastProduct({ ...request, history: young });
    expect(f.model).toBe('historic_average');
    expect(f.confidence_level).toBe('low');
    const mean = young.reduce((a, s) => a + s.qty, 0) / young.length;
    expect(f.forecast[0]!.quantity).toBe(Math.round(mean));
  });

  it('refuses a product that never sold, with a stable code', () => {
    expect(() => forecastProduct({ ...request, history: [] })).toThrow(expect.objectContaining({ code: 'FORECAST.NO_HISTORY' }));
  });

  it('orders what the lead time will sell plus safety stock, minus stock on hand', () => {
    const f = forecastProduct({ ...request, leadTimeDays: 2, stockOnHand: 10 });
    const r = f.recommendation;
    expect(r.expectedDemand).toBe(f.forecast[0]!.quantity + f.forecast[1]!.quantity);
    expect(r.safetyStock).toBeGreaterThan(0);
    // Each figure is rounded up on its own, so the order is within one unit of their balance.
    expect(Math.abs(r.orderQuantity - (r.expectedDemand + r.safetyStock - 10))).toBeLessThanOrEqual(1);
    const stocked = forecastProduct({ ...request, leadTimeDays: 2, stockOnHand: 500 });
    expect(stocked.recommendation.orderQuantity).toBe(0);
  });

  it('sums a week with a range narrower than the sum of daily ranges', () => {
    const f = forecastProduct(request);
    const total = forecastTotal(f.forecast, true);
    expect(total.quantity).toBe(f.forecast.reduce((a, p) => a + p.quantity, 0));
    expect(total.upper - total.lower).toBeLessThan(f.forecast.reduce((a, p) => a + p.upper - p.lower, 0));
    expect(total.lower).toBeGreaterThan(0);
  });

  it('names the weekday and trend factors behind the numbers', () => {
    const names = forecastProduct(request).factors.map((f) => f.name);
    expect(names).toEqual(['day_of_week', 'recent_trend']);
  });
});

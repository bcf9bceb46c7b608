import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../src/domain/dates.js';
import { DEMO_CATALOGUE } from '../../src/demo/catalogue.js';
import { DEMAND_GROUPS, levelAtRank, zeroShareAtRank } from '../../src/demo/demand-params.js';
import { generateHistory } from '../../src/demo/sales-generator.js';

const END = '2026-11-25';
const history = generateHistory({ catalogue: DEMO_CATALOGUE, end: END, days: 450, state: 'MH', seed: 'test' });
const bySku = new Map<string, number[]>();
for (const s of history.sales) {
  if (!bySku.has(s.sku)) bySku.set(s.sku, []);
  bySku.get(s.sku)!.push(s.qty);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('demo sales generator', () => {
  it('gives ~40 kirana products more than a year of daily sales, ending on the given day', () => {
    expect(DEMO_CATALOGUE.length).toBeGreaterThanOrEqual(40);
    for (const [, qty] of bySku) expect(qty).toHaveLength(450);
    const dates = history.sales.filter((s) => s.sku === 'MILK-500').map((s) => s.date);
    expect(dates.at(-1)).toBe(END);
    expect(dates[0]).toBe(addDays(END, -449));
  });

  it('is the same for the same seed and different for another', () => {
    const again = generateHistory({ catalogue: DEMO_CATALOGUE.slice(0, 3), end: END, days: 30, state: 'MH', seed: 'test' });
    const other = generateHistory({ catalogue: DEMO_CATALOGUE.slice(0, 3), end: END, days: 30, state: 'MH', seed: 'other' });
    const first = generateHistory({ catalogue: DEMO_CATALOGUE.slice(0, 3), end: END, days: 30, state: 'MH', seed: 'test' });
    expect(again.sales).toEqual(first.sales);
    expect(other.sales).not.toEqual(first.sales);
  });

  it('sells at the measured level for each product rank (within noise and festival lifts)', () => {
    for (const product of DEMO_CATALOGUE) {
      const expected = levelAtRank(DEMAND_GROUPS[product.group].level, product.rank);
      const observed = mean(bySku.get(product.sku)!);
      expect(observed / expected, product.sku).toBeGreaterThan(0.7);
      expect(observed / expected, product.sku).toBeLessThan(1.35);
    }
  });

  it('has about the measured share of zero days', () => {
    for (const product of DEMO_CATALOGUE) {
      const target = zeroShareAtRank(DEMAND_GROUPS[product.group].zeroShare, product.rank);
      const zeros = bySku.get(product.sku)!.filter((q) => q === 0).length / 450;
      expect(Math.abs(zeros - target), product.sku).toBeLessThan(0.1);
    }
  });

  it('sells more at weekends, as measured', () => {
    const weekday = new Array(7).fill(0);
    for (const s of history.sales.filter((x) => x.sku === 'MILK-500')) weekday[dayOfWeek(s.date)] += s.qty;
    const [sun, mon, tue, wed, thu, , sat] = weekday;
    expect(Math.min(sun, sat)).toBeGreaterThan(Math.max(mon, tue, wed, thu));
  });

  it('lifts sugar and agarbatti around Diwali and cuts onion in Navratri', () => {
    // Pooled over 100 seeds, so the check is about the lifts and not one draw's luck.
    const ratio = (sku: string, from: string, to: string) => {
      const catalogue = DEMO_CATALOGUE.filter((p) => p.sku === sku);
      let festive = 0;
      let usual = 0;
      for (let seed = 0; seed < 100; seed++) {
        const sales = generateHistory({ catalogue, end: END, days: 450, state: 'MH', seed: `lift-${seed}` }).sales;
        const within = (a: string, b: string) => mean(sales.filter((s) => s.date >= a && s.date <= b).map((s) => s.qty));
        festive += within(from, to);
        usual += within('2026-06-01', '2026-07-31');
      }
      return festive / usual;
    };
    // Diwali 2026 is 8 Nov: its window runs 4–11 Nov; Navratri 11–20 Oct.
    expect(ratio('SUGAR', '2026-11-04', '2026-11-11')).toBeGreaterThan(1.4);
    expect(ratio('AGARBATTI', '2026-11-04', '2026-11-11')).toBeGreaterThan(1.5);
    expect(ratio('ONION', '2026-10-11', '2026-10-20')).toBeLessThan(0.95);
    const salt = ratio('SALT-1KG', '2026-10-11', '2026-10-20');
    expect(salt).toBeGreaterThan(0.9);
    expect(salt).toBeLessThan(1.1);
  });

  it('ends each price path at the catalogue price, with fresh produce moving most', () => {
    for (const product of DEMO_CATALOGUE) expect(history.products.get(product.sku)!.price).toBe(product.price);
    const distinct = (sku: string) => new Set(history.sales.filter((s) => s.sku === sku).map((s) => s.price)).size;
    expect(distinct('TOMATO')).toBeGreaterThan(10);
    expect(distinct('SALT-1KG')).toBeLessThanOrEqual(4);
  });
});

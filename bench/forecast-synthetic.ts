/**
 * A synthetic store for speed and festival checks: the demo catalogue's demand shapes (measured
 * on real retail data) repeated with different seeds and ranks up to the wanted size, with the
 * demo's Indian festival lifts planted in the holiday table's windows.
 */
import { addDays, type IsoDate } from '../src/domain/dates.js';
import { DEMO_CATALOGUE, type DemoProduct } from '../src/demo/catalogue.js';
import { generateHistory } from '../src/demo/sales-generator.js';
import { isCountable } from '../src/domain/product.js';
import type { ProductHistory } from '../src/engines/forecast/index.js';

export function syntheticCatalogue(size: number): DemoProduct[] {
  return Array.from({ length: size }, (_, i) => {
    const base = DEMO_CATALOGUE[i % DEMO_CATALOGUE.length]!;
    const copy = Math.floor(i / DEMO_CATALOGUE.length);
    // Spread the copies over their demand group, slow to fast sellers.
    const rank = copy === 0 ? base.rank : (base.rank + copy * 0.37) % 1;
    return { ...base, sku: copy === 0 ? base.sku : `${base.sku}-${copy}`, rank };
  });
}

export function syntheticStore(size: number, days: number, options: { end?: IsoDate; state?: string; seed?: string } = {}): { products: ProductHistory[]; start: IsoDate; catalogue: DemoProduct[] } {
  const end = options.end ?? '2025-11-20';
  const catalogue = syntheticCatalogue(size);
  const { sales } = generateHistory({ catalogue, end, days, state: options.state ?? 'MH', seed: options.seed ?? 'bench' });
  const bySku = new Map<string, ProductHistory & { history: Array<{ date: IsoDate; qty: number; price: number | null }> }>();
  for (const p of catalogue) bySku.set(p.sku, { sku: p.sku, category: p.category, countable: isCountable(p.unit), history: [] });
  for (const s of sales) bySku.get(s.sku)!.history.push({ date: s.date, qty: s.qty, price: s.price ?? null });
  return { products: [...bySku.values()], start: addDays(end, 1), catalogue };
}

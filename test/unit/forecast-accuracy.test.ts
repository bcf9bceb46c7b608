/**
 * Accuracy on real sales (../shared/datasets/retail-sales-dev: M5 grocery, a pharmacy, a
 * vegetable counter), as a guard: the engine must stay well ahead of "same as last week" and
 * keep its 80 % ranges honest. bench:forecast prints the full comparison with the npm peers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvents, readSales } from '../../src/cli/forecast-io.js';
import { forecastStore, type ProductHistory } from '../../src/engines/forecast/index.js';
import { SHARED_DATASETS } from '../support/shared.js';

const H = 7;
const ORIGINS = 4;

describe('forecast accuracy on real retail sales', () => {
  it('beats seasonal naive by more than 15 % MASE with 80 % ranges covering 75–88 %', async () => {
    const dir = join(SHARED_DATASETS, 'retail-sales-dev');
    const stores = await readSales(join(dir, 'sales.csv'));
    const events = await readEvents(join(dir, 'events.csv'));
    let ours = 0;
    let naive = 0;
    let covered = 0;
    let days = 0;
    for (const products of stores.values()) {
      for (let k = ORIGINS; k >= 1; k--) {
        const cut = products.map((p) => {
          const rows = [...p.history].sort((a, b) => (a.date < b.date ? -1 : 1));
          const first = rows.findIndex((r) => r.qty > 0);
          return { p, rows: rows.slice(Math.max(0, first)), origin: rows.length - Math.max(0, first) - H * k };
        });
        const usable = cut.filter((c) => c.origin >= 28);
        const inputs: ProductHistory[] = usable.map((c) => ({ sku: c.p.sku, history: c.rows.slice(0, c.origin), start: c.rows[c.origin]!.date }));
        const forecasts = forecastStore(inputs, { start: inputs[0]!.start!, horizon: H, calendar: { kind: 'events', events } });
        usable.forEach((c, i) => {
          const y = c.rows.map((r) => r.qty);
          let scale = 0;
          for (let t = 7; t < c.origin; t++) scale += Math.abs(y[t]! - y[t - 7]!);
          scale /= c.origin - 7;
          if (!(scale > 0)) return;
          const f = forecasts[i]!;
          for (let d = 0; d < H; d++) {
            const actual = y[c.origin + d]!;
            ours += Math.abs(f.point[d]! - actual) / scale / H;
            naive += Math.abs(y[c.origin - 7 + d]! - actual) / scale / H;
            if (actual >= f.prediction.lo80[d]! && actual <= f.prediction.hi80[d]!) covered++;
            days++;
          }
        });
      }
    }
    expect(ours / naive).toBeLessThan(0.85);
    expect(covered / days).toBeGreaterThan(0.75);
    expect(covered / days).toBeLessThan(0.88);
  }, 120_000);
});

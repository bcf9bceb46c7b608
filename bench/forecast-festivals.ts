/**
 * The festival check: the evaluation sales have no Indian festivals, so plant them. The demo
 * generator lifts each product on the holiday table's windows (Diwali, Navratri, Holi, Eid,
 * Ganesh Chaturthi… for a store in Maharashtra); the engine forecasts each 2025 window from the
 * day it opens, with its festival layer and without it. Printed: the lift planted (weighted by
 * sales), the lift the engine learned, and the forecast error over the window either way.
 */
import { addDays, daysBetween } from '../src/domain/dates.js';
import { festivalWindows } from '../src/domain/festivals.js';
import { festivalLift } from '../src/demo/festival-lifts.js';
import { forecastStore, learnStoreProfile } from '../src/engines/forecast/index.js';
import { syntheticStore } from './forecast-synthetic.js';

const STATE = 'MH';

export function festivalCheck(): { withLayer: number; without: number } {
  console.log(`\n# festivals: demo store in ${STATE}, 3 years of history, each 2025 window forecast from its first day`);
  const { products, catalogue } = syntheticStore(43, 3 * 365, { end: '2025-12-31', state: STATE, seed: 'festivals' });
  const tags = new Map(catalogue.map((p) => [p.sku, p.tags]));
  const windows = festivalWindows('2025-01-01', '2025-12-31', { state: STATE });
  console.log(`${'festival'.padEnd(18)} ${'days'.padStart(4)} ${'planted'.padStart(8)} ${'learned'.padStart(8)} ${'MAE with'.padStart(9)} ${'without'.padStart(8)} ${'ratio'.padStart(6)}`);
  let sumWith = 0;
  let sumWithout = 0;
  for (const w of windows) {
    const horizon = daysBetween(w.start, w.end) + 1;
    const history = products.map((p) => ({ ...p, history: p.history.filter((d) => d.date < w.start) }));
    const actual = new Map(products.map((p) => [p.sku, p.history.filter((d) => d.date >= w.start && d.date <= w.end).map((d) => d.qty)]));
    const withLayer = forecastStore(history, { start: w.start, horizon, state: STATE });
    const without = forecastStore(history, { start: w.start, horizon, calendar: { kind: 'events', events: [] } });
    const mae = (forecasts: typeof withLayer) => {
      let err = 0;
      let n = 0;
      for (const f of forecasts) {
        actual.get(f.sku)!.forEach((a, i) => {
          err += Math.abs(f.prediction.mean[i]! - a);
          n++;
        });
      }
      return err / n;
    };
    // The planted lift, averaged over the window's days and weighted by each product's sales.
    let planted = 0;
    let weight = 0;
    for (const f of without) {
      const level = f.prediction.mean.reduce((a, b) => a + b, 0) / horizon;
      for (let i = 0; i < horizon; i++) planted += level * festivalLift(w.festival, tags.get(f.sku) ?? [], STATE, addDays(w.start, i) === w.peak);
      weight += level * horizon;
    }
    const learned = learnStoreProfile(history, { start: w.start, horizon, state: STATE }).eventLifts[w.festival];
    const a = mae(withLayer);
    const b = mae(without);
    sumWith += a;
    sumWithout += b;
    console.log(
      `${w.festival.padEnd(18)} ${String(horizon).padStart(4)} ${(planted / weight).toFixed(2).padStart(8)} ${(learned ?? Number.NaN).toFixed(2).padStart(8)} ${a.toFixed(3).padStart(9)} ${b.toFixed(3).padStart(8)} ${(a / b).toFixed(2).padStart(6)}`,
    );
  }
  console.log(`all windows: MAE with the festival layer / without = ${(sumWith / sumWithout).toFixed(3)}`);
  return { withLayer: sumWith, without: sumWithout };
}

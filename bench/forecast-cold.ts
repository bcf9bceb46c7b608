/**
 * One SKU, cold: a fresh process loads the engine and forecasts one product with a year of
 * history (the first call pays for JIT warm-up and the festival calendar). Run by
 * bench/forecast.ts in a child process; prints JSON.
 */
import { performance } from 'node:perf_hooks';
const loadStarted = performance.now();
const { forecastProduct } = await import('../src/engines/forecast/index.js');
const { syntheticStore } = await import('./forecast-synthetic.js');
const loaded = performance.now() - loadStarted;
const { products, start } = syntheticStore(1, 365, { seed: 'cold' });
const t0 = performance.now();
forecastProduct({ ...products[0]!, start, horizon: 7, state: 'MH', stockOnHand: 10, leadTimeDays: 1 });
const cold = performance.now() - t0;
const t1 = performance.now();
forecastProduct({ ...products[0]!, start, horizon: 7, state: 'MH', stockOnHand: 10, leadTimeDays: 1 });
const warm = performance.now() - t1;
console.log(JSON.stringify({ loadMs: loaded, coldMs: cold, warmMs: warm }));

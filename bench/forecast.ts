/**
 * npm run bench:forecast — how accurate and how fast the forecast engine is, against simple
 * baselines and the npm forecasting packages, in one run on the same data.
 *
 * 1. Accuracy on ../shared/datasets/retail-sales-dev (real item×store daily sales: M5 grocery,
 *    a pharmacy, a vegetable counter): rolling origin over the last 8 weekly origins, horizon 7.
 *    Per model: MASE scaled by the in-sample weekly seasonal-naive MAE (and, for comparison with
 *    other write-ups, by the one-day naive MAE), RMSSE, bias, 80 % coverage and width, time.
 * 2. Speed: a whole store of 500 SKUs × 365 days on the worker pool, and one SKU cold.
 * 3. Festivals: Indian festival lifts planted in real series; does the festival layer find them?
 *
 * Flags: --peers=all|fast|none (fast skips Prophet and AutoARIMA), --prophet-series=N and
 * --arima-series=N (both are slow: they run on every k-th series so that about N series are
 * measured, and ours is measured on the same sample beside them), --quick (3 origins),
 * --only=speed|festivals (one section).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { readEvents, readSales } from '../src/cli/forecast-io.js';
import { addDays, toEpochDay, type IsoDate } from '../src/domain/dates.js';
import {
  Croston,
  forecastSeries,
  forecastStore,
  HoltWinters,
  SeasonalNaive,
  type CalendarSpec,
  type ForecastModel,
  type ProductHistory,
} from '../src/engines/forecast/index.js';
import { ForecastPool } from '../src/engines/forecast/pool.js';
import { SHARED_DATASETS } from '../test/support/shared.js';
import { autoArima, autoEts, mstlEts, prophetPeer, type Peer, type PeerForecast } from './forecast-peers.js';
import { festivalCheck } from './forecast-festivals.js';
import { syntheticStore } from './forecast-synthetic.js';

const run = promisify(execFile);
const flag = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const PEERS = flag('peers', 'all');
const ARIMA_SERIES = Number(flag('arima-series', '12'));
const PROPHET_SERIES = Number(flag('prophet-series', '48'));
const ORIGINS = process.argv.includes('--quick') ? 3 : 8;
const H = 7;

interface Series {
  store: string;
  sku: string;
  dates: IsoDate[];
  values: number[];
  prices: Array<number | null>;
}

const sourceOf = (store: string) => (store === 'PHARMA_1' ? 'pharmacy' : store === 'CNVEG_1' ? 'vegetables' : 'M5 grocery');

/** Every series from its first sale (days before it were days the item was not listed). */
function toSeries(stores: Map<string, ProductHistory[]>): Series[] {
  const out: Series[] = [];
  for (const [store, products] of stores) {
    for (const p of products) {
      const rows = [...p.history].sort((a, b) => (a.date < b.date ? -1 : 1));
      const first = rows.findIndex((r) => r.qty > 0);
      if (first < 0) continue;
      const kept = rows.slice(first);
      out.push({ store, sku: p.sku, dates: kept.map((r) => r.date), values: kept.map((r) => r.qty), prices: kept.map((r) => r.price ?? null) });
    }
  }
  return out;
}

interface Metrics {
  mase: number[];
  maseNaive: number[];
  rmsse: number[];
  bias: number[];
  coverage: number[];
  width: number[];
  ms: number;
  fits: number;
  bySource: Map<string, number[]>;
}
const newMetrics = (): Metrics => ({ mase: [], maseNaive: [], rmsse: [], bias: [], coverage: [], width: [], ms: 0, fits: 0, bySource: new Map() });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

interface Case {
  series: Series;
  origin: number;
  scale7: number;
  scale7sq: number;
  scale1: number;
}

function score(m: Metrics, c: Case, f: PeerForecast) {
  const actual = c.series.values.slice(c.origin, c.origin + H);
  let ae = 0;
  let se = 0;
  let e = 0;
  let covered = 0;
  let width = 0;
  actual.forEach((a, i) => {
    const err = f.mean[i]! - a;
    ae += Math.abs(err);
    se += err * err;
    e += err;
    if (a >= f.lo80[i]! - 1e-9 && a <= f.hi80[i]! + 1e-9) covered++;
    width += f.hi80[i]! - f.lo80[i]!;
  });
  const mase = ae / H / c.scale7;
  m.mase.push(mase);
  m.maseNaive.push(ae / H / c.scale1);
  m.rmsse.push(Math.sqrt(se / H / c.scale7sq));
  m.bias.push(e / H / c.scale7);
  m.coverage.push(covered / H);
  m.width.push(width / H / c.scale7);
  const source = sourceOf(c.series.store);
  m.bySource.set(source, [...(m.bySource.get(source) ?? []), mase]);
}

/** The cases: each series at each of the last ORIGINS weekly origins, with its in-sample scales. */
function cases(all: Series[]): Case[] {
  const out: Case[] = [];
  for (const series of all) {
    const n = series.values.length;
    for (let k = ORIGINS; k >= 1; k--) {
      const origin = n - H * k;
      if (origin < 28) continue;
      const y = series.values;
      let s7 = 0;
      let s7sq = 0;
      let s1 = 0;
      for (let t = 7; t < origin; t++) {
        s7 += Math.abs(y[t]! - y[t - 7]!);
        s7sq += (y[t]! - y[t - 7]!) ** 2;
      }
      for (let t = 1; t < origin; t++) s1 += Math.abs(y[t]! - y[t - 1]!);
      if (!(s7 > 0) || !(s1 > 0)) continue;
      out.push({ series, origin, scale7: s7 / (origin - 7), scale7sq: s7sq / (origin - 7), scale1: s1 / (origin - 1) });
    }
  }
  return out;
}

function quantileOf(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

/** Baselines written here: the textbook forms, with empirical 80 % ranges from their own recent errors. */
const seasonalNaive: Peer = (y, _first, h) => {
  const m = Array.from({ length: h }, (_, i) => y[y.length - 7 + (i % 7)]!);
  const residuals: number[] = [];
  for (let t = Math.max(7, y.length - 56); t < y.length; t++) residuals.push(y[t]! - y[t - 7]!);
  const lo = quantileOf(residuals, 0.1);
  const hi = quantileOf(residuals, 0.9);
  return { mean: m, lo80: m.map((v) => Math.max(0, v + lo)), hi80: m.map((v) => v + hi) };
};
const movingAverage28: Peer = (y, _first, h) => {
  const last = y.slice(-28);
  const m = mean(last);
  return { mean: new Array<number>(h).fill(m), lo80: new Array<number>(h).fill(quantileOf(last, 0.1)), hi80: new Array<number>(h).fill(quantileOf(last, 0.9)) };
};
/** Our single models on their own (without the store layer), to show what each part brings. */
const ownModel =
  (make: () => ForecastModel): Peer =>
  (y, first, h) => {
    const p = make()
      .fit({ start: fromEpoch(first), values: y })
      .predict(h);
    return { mean: p.mean, lo80: p.lo80, hi80: p.hi80 };
  };
const fromEpoch = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function runPeer(name: string, peer: Peer, all: Case[], results: Map<string, Metrics>, every = 1) {
  const m = newMetrics();
  const seriesSeen = new Map<Series, number>();
  let index = 0;
  for (const c of all) {
    if (!seriesSeen.has(c.series)) seriesSeen.set(c.series, index++);
    if (seriesSeen.get(c.series)! % every !== 0) continue;
    const train = c.series.values.slice(0, c.origin);
    const t0 = performance.now();
    let f: PeerForecast;
    try {
      f = peer(train, toEpochDay(c.series.dates[0]!), H);
    } catch {
      f = seasonalNaive(train, 0, H);
    }
    m.ms += performance.now() - t0;
    m.fits++;
    score(m, c, f);
  }
  results.set(name, m);
  console.error(`  ${name}: ${(m.ms / 1000).toFixed(1)} s`);
}

/** Ours: each store forecast as a whole at each origin, as the product runs it. */
function runOurs(name: string, all: Case[], results: Map<string, Metrics>, calendar: CalendarSpec, point: 'point' | 'mean', season = false) {
  const m = newMetrics();
  const byOriginStore = new Map<string, Case[]>();
  for (const c of all) {
    const k = (c.series.values.length - c.origin) / H;
    const key = `${k}|${c.series.store}`;
    byOriginStore.set(key, [...(byOriginStore.get(key) ?? []), c]);
  }
  for (const group of byOriginStore.values()) {
    const products: ProductHistory[] = group.map((c) => ({
      sku: c.series.sku,
      start: c.series.dates[c.origin]!,
      history: c.series.dates.slice(0, c.origin).map((date, i) => ({ date, qty: c.series.values[i]!, price: c.series.prices[i] ?? null })),
    }));
    const t0 = performance.now();
    const forecasts = forecastStore(products, { start: products[0]!.start!, horizon: H, calendar, season });
    m.ms += performance.now() - t0;
    m.fits += group.length;
    const bySku = new Map(forecasts.map((f) => [f.sku, f]));
    for (const c of group) {
      const f = bySku.get(c.series.sku)!;
      score(m, c, { mean: point === 'point' ? f.point : f.prediction.mean, lo80: f.prediction.lo80, hi80: f.prediction.hi80 });
    }
  }
  results.set(name, m);
  console.error(`  ${name}: ${(m.ms / 1000).toFixed(1)} s`);
}

function report(results: Map<string, Metrics>, baseline: string) {
  const base = mean(results.get(baseline)!.mase);
  const fmt = (x: number, d = 3) => x.toFixed(d);
  console.log(
    `${'model'.padEnd(26)} ${'MASE'.padStart(6)} ${'÷SN'.padStart(6)} ${'MASE1'.padStart(6)} ${'RMSSE'.padStart(6)} ${'bias'.padStart(7)} ${'cov80'.padStart(6)} ${'width'.padStart(6)} ${'ms/series'.padStart(10)}  ${'n'.padStart(5)}  by source (MASE)`,
  );
  for (const [name, r] of results) {
    const sources = [...r.bySource].map(([s, v]) => `${s} ${fmt(mean(v))}`).join(', ');
    console.log(
      `${name.padEnd(26)} ${fmt(mean(r.mase)).padStart(6)} ${fmt(mean(r.mase) / base).padStart(6)} ${fmt(mean(r.maseNaive)).padStart(6)} ${fmt(mean(r.rmsse)).padStart(6)} ${fmt(mean(r.bias)).padStart(7)} ${`${(mean(r.coverage) * 100).toFixed(1)}%`.padStart(6)} ${fmt(mean(r.width), 2).padStart(6)} ${fmt(r.ms / Math.max(1, r.fits), 2).padStart(10)}  ${String(r.mase.length).padStart(5)}  ${sources}`,
    );
  }
}

const ONLY = flag('only', 'all');

async function main() {
  if (ONLY === 'speed') return speed();
  if (ONLY === 'festivals') return void festivalCheck();
  const dir = join(SHARED_DATASETS, 'retail-sales-dev');
  console.log(`# forecast accuracy: ${dir}, last ${ORIGINS} weekly origins, horizon ${H}`);
  const stores = await readSales(join(dir, 'sales.csv'));
  const events = await readEvents(join(dir, 'events.csv'));
  const all = toSeries(stores);
  const list = cases(all);
  console.log(`${all.length} series, ${list.length} series-origins\n`);

  const results = new Map<string, Metrics>();
  runPeer('seasonal_naive', seasonalNaive, list, results);
  runPeer('moving_average_28', movingAverage28, list, results);
  runOurs('ours (engine)', list, results, { kind: 'events', events }, 'point');
  runOurs('ours, mean as point', list, results, { kind: 'events', events }, 'mean');
  runOurs('ours, no events', list, results, { kind: 'events', events: [] }, 'point');
  runOurs('ours, with season', list, results, { kind: 'events', events }, 'point', true);
  runPeer('ours: seasonal naive', ownModel(() => new SeasonalNaive()), list, results);
  runPeer('ours: holt-winters add', ownModel(() => new HoltWinters('additive', 0.95)), list, results);
  runPeer('ours: holt-winters mul', ownModel(() => new HoltWinters('multiplicative', 0.95)), list, results);
  runPeer('ours: tsb', ownModel(() => new Croston('tsb')), list, results);
  if (PEERS !== 'none') {
    runPeer('augurs AutoETS', autoEts, list, results);
    runPeer('augurs MSTL', mstlEts, list, results);
  }
  if (PEERS === 'all') {
    const prophetEvery = Math.max(1, Math.round(all.length / PROPHET_SERIES));
    runPeer(`augurs Prophet (1 in ${prophetEvery})`, prophetPeer, list, results, prophetEvery);
    runPeer(`ours alone, same 1 in ${prophetEvery}`, ownForecast, list, results, prophetEvery);
    const arimaEvery = Math.max(1, Math.round(all.length / ARIMA_SERIES));
    runPeer(`arima AutoARIMA (1 in ${arimaEvery})`, autoArima, list, results, arimaEvery);
    runPeer(`ours alone, same 1 in ${arimaEvery}`, ownForecast, list, results, arimaEvery);
  }
  report(results, 'seasonal_naive');
  // Each peer against ours on the same cases: the whole set, or the peer's sample.
  console.log('');
  const names = [...results.keys()];
  for (const [i, name] of names.entries()) {
    if (!/augurs|arima/.test(name)) continue;
    const sampled = names[i + 1]?.startsWith('ours alone, same');
    const oursName = sampled ? names[i + 1]! : 'ours (engine)';
    const peer = mean(results.get(name)!.mase);
    const ours = mean(results.get(oursName)!.mase);
    const time = (n: string) => results.get(n)!.ms / Math.max(1, results.get(n)!.fits);
    console.log(`${name.padEnd(30)} MASE ${peer.toFixed(3)} vs ${oursName} ${ours.toFixed(3)}: ours ${((ours / peer - 1) * 100).toFixed(1)} %, ${(time(name) / time(oursName)).toFixed(0)}× our time`);
  }

  await speed();
  festivalCheck();
}

/** Ours, one series alone (no store to pool with): for the AutoARIMA sample. */
function ownForecast(y: number[], first: number, h: number): PeerForecast {
  const start = fromEpoch(first);
  const f = forecastSeries(
    { sku: 'x', history: y.map((qty, i) => ({ date: addDays(start, i), qty })) },
    { start: addDays(start, y.length), horizon: h, calendar: { kind: 'events', events: [] } },
  );
  return { mean: f.point, lo80: f.prediction.lo80, hi80: f.prediction.hi80 };
}

async function speed() {
  console.log('\n# speed: one store of 500 SKUs × 365 days');
  const { products, start } = syntheticStore(500, 365);
  const options = { start, horizon: 7, state: 'MH' };
  forecastStore(products.slice(0, 20), options);
  let t0 = performance.now();
  forecastStore(products, options);
  const single = performance.now() - t0;
  const pool = new ForecastPool(2);
  t0 = performance.now();
  await pool.forecastStore(products, options);
  const pooledCold = performance.now() - t0;
  t0 = performance.now();
  await pool.forecastStore(products, options);
  const pooled = performance.now() - t0;
  await pool.close();
  t0 = performance.now();
  for (const p of products) autoEts(p.history.map((d) => d.qty), 0, 7);
  const ets = performance.now() - t0;
  console.log(`ours, one thread                      ${(single / 1000).toFixed(2)} s`);
  console.log(`ours, 2 worker threads, first batch   ${(pooledCold / 1000).toFixed(2)} s (starting the workers included)`);
  console.log(`ours, 2 worker threads, next batches  ${(pooled / 1000).toFixed(2)} s`);
  console.log(`augurs AutoETS, one thread            ${(ets / 1000).toFixed(2)} s   ours (one thread) ÷ AutoETS = ${(single / ets).toFixed(3)}`);

  // One SKU cold: a fresh process each time, the first forecast after loading the engine.
  const runs: Array<{ loadMs: number; coldMs: number; warmMs: number }> = [];
  for (let i = 0; i < 5; i++) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'forecast-cold.ts')]);
    runs.push(JSON.parse(stdout));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `one SKU × 365 days, fresh process (median of 5): first forecast ${median(runs.map((r) => r.coldMs)).toFixed(1)} ms, second ${median(runs.map((r) => r.warmMs)).toFixed(1)} ms (loading the engine ${median(runs.map((r) => r.loadMs)).toFixed(0)} ms)`,
  );
}

await main();

/**
 * npm run bench:prices — the price check, the market snapshot ingest and the spike alerts.
 *
 * 1. `GET /api/v1/prices/{sku}` over HTTP on the embedded defaults, warm, beside /healthz in the
 *    same process (goal p95 ≤ 20 ms).
 * 2. Ingesting the national data.gov.in pull (25K rows, ../shared): parse, check, normalise, and
 *    the day's national and state medians, beside parsing alone (goal ≤ 2 s).
 * 3. Spike alerts on the DCA retail record 2010–2021: precision against crises labelled by rule
 *    (≥ 1.5× the year's median for 2+ weeks), recall of those crises, the two named episodes, and
 *    false alarms in calm years.
 *
 *   npm run bench:prices -- --requests 2000 --concurrency 1,8
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { addDays } from '../src/domain/dates.js';
import type { MarketQuote } from '../src/domain/prices.js';
import { detectSpikes, median } from '../src/engines/prices/index.js';
import { createLogger } from '../src/logger.js';
import { quoteFromMandiRecord } from '../src/market/agmarknet.js';
import { ALERT_LEAD_DAYS, crises, loadNationalRetail, NAMED_EPISODES } from '../test/support/dca-history.js';
import { SHARED_DATASETS } from '../test/support/shared.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '1,8' } } });
const requests = Number(values.requests);
const concurrencies = values.concurrency.split(',').map(Number);
const KEY = 'bs_bench_key_0123456789abcdef';
const SKUS = ['ONION', 'POTATO', 'TOMATO', 'TUR-DAL', 'SUGAR', 'RICE-SONA', 'OIL-MUSTARD-1L', 'JAGGERY', 'MOONG-DAL'];
const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function http() {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-prices-'));
  const app = await createApp(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_API_KEY: KEY, LOG_LEVEL: 'silent', PRICE_REFRESH_INTERVAL_MS: '0', FORECAST_SCHEDULE_INTERVAL_MS: '0' }),
    { logger: createLogger('silent') },
  );
  const run = async (label: string, concurrency: number, send: (i: number) => Promise<Response>) => {
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          const i = next++;
          const t = performance.now();
          const res = await send(i);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
          times.push(performance.now() - t);
        }
      }),
    );
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(22)} ${concurrency} at a time  n=${times.length}  p50=${q(times, 0.5).toFixed(2)} ms  p95=${q(times, 0.95).toFixed(2)} ms  p99=${q(times, 0.99).toFixed(2)} ms`);
    return q(times, 0.95);
  };
  try {
    console.log(`# price check over HTTP, embedded defaults, ${requests} requests (after a warm-up); the load generator shares the server's process`);
    for (const sku of SKUS) await fetch(`${app.url}/api/v1/prices/${sku}`, { headers: { 'x-api-key': KEY } });
    for (const concurrency of concurrencies) {
      const base = await run('healthz', concurrency, () => fetch(`${app.url}/healthz`));
      const price = await run('GET /prices/{sku}', concurrency, (i) => fetch(`${app.url}/api/v1/prices/${SKUS[i % SKUS.length]}`, { headers: { 'x-api-key': KEY } }));
      console.log(`prices / healthz p95: ×${(price / base).toFixed(1)}`);
    }
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function ingest() {
  const path = join(SHARED_DATASETS, 'agmarknet-datagov-snapshot-2025-12', 'agmarknet_datagov_snapshot_2025-12-26_27.csv');
  const text = readFileSync(path, 'utf8');
  console.log('\n# ingest of the national data.gov.in pull (best of 5)');
  let parseOnly = Infinity;
  let full = Infinity;
  let rows = 0;
  let quotes: MarketQuote[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const records = parse(text, { columns: true }) as unknown[];
    parseOnly = Math.min(parseOnly, performance.now() - t);
    t = performance.now();
    const parsed = parse(text, { columns: true }) as unknown[];
    quotes = parsed.flatMap((r) => quoteFromMandiRecord(r) ?? []);
    // The day's medians per commodity, level and scope, as a refresh records them.
    const groups = new Map<string, number[]>();
    for (const quote of quotes) {
      for (const scope of ['IN', quote.state ?? '']) {
        const key = `${quote.commodity}|${quote.level}|${scope}|${quote.date}`;
        const list = groups.get(key) ?? [];
        list.push(quote.price);
        groups.set(key, list);
      }
    }
    for (const list of groups.values()) median(list);
    full = Math.min(full, performance.now() - t);
    rows = records.length;
  }
  console.log(`parse only            ${parseOnly.toFixed(0)} ms for ${rows} rows`);
  console.log(`parse + check + normalise + medians  ${full.toFixed(0)} ms (${quotes.length} staple quotes kept)   ×${(full / parseOnly).toFixed(2)} parse`);
}

function spikes() {
  console.log('\n# spike alerts on the DCA retail record 2010–2021 (national median across centres)');
  const columns = ['onion', 'potato', 'tomato', 'tur_arhar_dal', 'urad_dal', 'moong_dal', 'gram_dal', 'masoor_dal', 'sugar', 'rice', 'atta_wheat', 'gur'];
  const series = loadNationalRetail(columns);
  let alerts = 0;
  let right = 0;
  let crisesTotal = 0;
  let crisesFound = 0;
  const calmFalse: Record<string, number> = {};
  for (const column of columns) {
    const s = series.get(column)!;
    const labelled = crises(s);
    const found = detectSpikes(s);
    crisesTotal += labelled.length;
    crisesFound += labelled.filter((c) => found.some((a) => a.date >= addDays(c.from, -ALERT_LEAD_DAYS) && a.date <= c.to)).length;
    let columnRight = 0;
    for (const alert of found) {
      alerts++;
      const ok = labelled.some((c) => alert.date >= addDays(c.from, -ALERT_LEAD_DAYS) && alert.date <= c.to);
      if (ok) columnRight++;
      else if (!labelled.some((c) => c.from.slice(0, 4) === alert.date.slice(0, 4) || c.to.slice(0, 4) === alert.date.slice(0, 4))) {
        calmFalse[alert.date.slice(0, 4)] = (calmFalse[alert.date.slice(0, 4)] ?? 0) + 1;
      }
    }
    right += columnRight;
    console.log(`${column.padEnd(16)} crises ${String(labelled.length).padStart(2)}  alerts ${String(found.length).padStart(2)}  in/before a crisis ${columnRight}`);
  }
  console.log(`precision ${((right / Math.max(1, alerts)) * 100).toFixed(0)} % (${right}/${alerts} alerts), recall ${((crisesFound / Math.max(1, crisesTotal)) * 100).toFixed(0)} % (${crisesFound}/${crisesTotal} crises), ${(alerts / 11.35 / columns.length).toFixed(2)} alerts per commodity-year`);
  console.log(`false alarms in years without a crisis of that commodity: ${JSON.stringify(calmFalse)}`);
  for (const episode of NAMED_EPISODES) {
    const first = detectSpikes(series.get(episode.column)!).find((a) => a.date >= episode.from && a.date <= episode.to);
    console.log(`${episode.what}: ${first ? `flagged ${first.date} (+${Math.round(first.change * 100)}% over ${first.weeks} week${first.weeks > 1 ? 's' : ''})` : 'MISSED'}`);
  }
}

await http();
ingest();
spikes();

/**
 * Measures how far retail prices sit above mandi/wholesale prices, per commodity, from the DCA
 * centre-wise daily reports 2016–2021 (../shared/datasets/dca-centre-prices-2010-2021, dev only):
 * for every centre and day with both figures, retail (Rs/kg) ÷ wholesale (Rs/quintal ÷ 100).
 * The medians go into src/engines/prices/markups.ts; the data itself is not shipped.
 *
 *   npx tsx scripts/measure-retail-markups.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SHARED_DATASETS } from '../test/support/shared.js';

const dir = join(SHARED_DATASETS, 'dca-centre-prices-2010-2021');
const read = (file: string) => gunzipSync(readFileSync(join(dir, file))).toString('utf8').trim().split(/\r?\n/);
const [header, ...retailRows] = read('dca_retail_daily_2010_2021.csv.gz');
const columns = header!.split(',');
const retail = new Map<string, string[]>();
for (const line of retailRows) {
  const cells = line.split(',');
  if (cells[2] === 'centre') retail.set(`${cells[0]}|${cells[1]}`, cells);
}
const ratios = new Map<string, number[]>();
for (const line of read('dca_wholesale_daily_2016_2021.csv.gz').slice(1)) {
  const cells = line.split(',');
  if (cells[2] !== 'centre') continue;
  const r = retail.get(`${cells[0]}|${cells[1]}`);
  if (!r) continue;
  for (let c = 3; c < columns.length; c++) {
    const w = Number(cells[c]);
    const p = Number(r[c]);
    if (!(w > 0) || !(p > 0) || cells[c] === '' || r[c] === '') continue;
    const ratio = p / (w / 100);
    // Typos (a missing zero, a price per 10 kg) are far outside any real markup.
    if (ratio < 0.5 || ratio > 5) continue;
    const list = ratios.get(columns[c]!) ?? [];
    list.push(ratio);
    ratios.set(columns[c]!, list);
  }
}
const q = (xs: number[], p: number) => xs[Math.floor(p * (xs.length - 1))]!;
console.log('column                  n       p25    median  p75');
for (const [column, xs] of ratios) {
  xs.sort((a, b) => a - b);
  console.log(`${column.padEnd(22)} ${String(xs.length).padStart(7)}  ${q(xs, 0.25).toFixed(3)}  ${q(xs, 0.5).toFixed(3)}  ${q(xs, 0.75).toFixed(3)}`);
}

// Mandi (AGMARKNET) prices sit further below retail than the DCA's city wholesale prices, most of
// all for vegetables: measure retail ÷ mandi modal by state and day where both exist (2006–2021).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DCA_CENTRE_STATES } from '../src/engines/prices/dca-centres.js';
import { findState } from '../src/domain/india-states.js';

const mandiColumn: Record<string, string> = { Onion: 'onion', Potato: 'potato', Tomato: 'tomato', 'Mustard Oil': 'mustard_oil_packed', 'Masur Dal': 'masoor_dal' };
const mandi = new Map<string, number[]>();
const lines = createInterface({ input: createReadStream(join(SHARED_DATASETS, 'agmarknet-mandi-2006-2021', 'agmarknet_mandi_2006_2021.csv.gz')).pipe(createGunzip()) });
let first = true;
for await (const line of lines) {
  if (first) {
    first = false;
    continue;
  }
  const [commodity, state, , date, , , , , modal] = line.split(',');
  const column = mandiColumn[commodity!];
  const code = findState(state ?? '')?.state.code;
  if (!column || !code || !(Number(modal) > 0)) continue;
  const key = `${column}|${code}|${date}`;
  const list = mandi.get(key) ?? [];
  list.push(Number(modal) / 100);
  mandi.set(key, list);
}
const retailByStateDay = new Map<string, number[]>();
for (const cells of retail.values()) {
  const state = DCA_CENTRE_STATES[cells[1]!];
  if (!state) continue;
  for (const column of Object.values(mandiColumn)) {
    const c = columns.indexOf(column);
    const p = Number(cells[c]);
    if (!(p > 0)) continue;
    const key = `${column}|${state}|${cells[0]}`;
    const list = retailByStateDay.get(key) ?? [];
    list.push(p);
    retailByStateDay.set(key, list);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const mandiRatios = new Map<string, number[]>();
for (const [key, prices] of mandi) {
  const r = retailByStateDay.get(key);
  if (!r) continue;
  const ratio = med(r) / med(prices);
  if (ratio < 0.5 || ratio > 10) continue;
  const column = key.split('|')[0]!;
  mandiRatios.set(column, [...(mandiRatios.get(column) ?? []), ratio]);
}
console.log('\nretail ÷ mandi modal, same state and day');
console.log('column                  n       p25    median  p75');
for (const [column, xs] of mandiRatios) {
  xs.sort((a, b) => a - b);
  console.log(`${column.padEnd(22)} ${String(xs.length).padStart(7)}  ${q(xs, 0.25).toFixed(3)}  ${q(xs, 0.5).toFixed(3)}  ${q(xs, 0.75).toFixed(3)}`);
}

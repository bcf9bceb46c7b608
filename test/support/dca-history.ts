/**
 * The DCA centre-wise daily retail prices 2010–2021 (../shared, dev and test only) as national
 * daily series per commodity (the robust median across reporting centres), and the price crises
 * the record shows, for backtesting the spike alerts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addDays, daysBetween, type IsoDate } from '../../src/domain/dates.js';
import { median } from '../../src/engines/prices/robust.js';
import { SHARED_DATASETS } from './shared.js';

export type Series = Array<{ date: IsoDate; price: number }>;

/**
 * Price crises, labelled by a rule rather than by memory: a run of at least 14 days in which
 * the national price stays at 1.5× or more its median of the year before. An alert counts as
 * right when it comes during a crisis or in the 45 days before it starts.
 */
export function crises(series: Series): Array<{ from: IsoDate; to: IsoDate }> {
  const out: Array<{ from: IsoDate; to: IsoDate }> = [];
  let run: { from: IsoDate; to: IsoDate } | undefined;
  const close = () => {
    if (run && daysBetween(run.from, run.to) >= 14) out.push(run);
  };
  let windowStart = 0;
  let yearMedian = Number.NaN;
  for (let i = 0; i < series.length; i++) {
    const day = series[i]!;
    while (series[windowStart]!.date < addDays(day.date, -365)) windowStart++;
    // The year's median moves slowly: work it out once a week.
    if (i % 7 === 0 || Number.isNaN(yearMedian)) yearMedian = i - windowStart >= 200 ? median(series.slice(windowStart, i).map((p) => p.price)) : Number.NaN;
    if (Number.isNaN(yearMedian) || day.price < 1.5 * yearMedian) continue;
    if (run && daysBetween(run.to, day.date) <= 10) run.to = day.date;
    else {
      close();
      run = { from: day.date, to: day.date };
    }
  }
  close();
  return out;
}

export const ALERT_LEAD_DAYS = 45;

/** The episodes the issue names: they must be flagged. */
export const NAMED_EPISODES = [
  { column: 'onion', from: '2019-08-01', to: '2019-12-31', what: 'the 2019 onion crisis' },
  { column: 'tur_arhar_dal', from: '2015-06-01', to: '2016-03-31', what: 'the 2015–16 pulse spike (tur)' },
  { column: 'urad_dal', from: '2015-06-01', to: '2016-03-31', what: 'the 2015–16 pulse spike (urad)' },
];

export function loadNationalRetail(columns: readonly string[]): Map<string, Series> {
  const text = gunzipSync(readFileSync(join(SHARED_DATASETS, 'dca-centre-prices-2010-2021', 'dca_retail_daily_2010_2021.csv.gz'))).toString('utf8');
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const index = columns.map((c) => header.indexOf(c));
  const byDay = new Map<string, number[][]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    if (cells[2] !== 'centre') continue;
    let day = byDay.get(cells[0]!);
    if (!day) byDay.set(cells[0]!, (day = columns.map(() => [])));
    index.forEach((i, k) => {
      const v = Number(cells[i]);
      if (cells[i] !== '' && v > 0) day![k]!.push(v);
    });
  }
  const out = new Map<string, Series>(columns.map((c) => [c, []]));
  for (const [date, values] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    values.forEach((xs, k) => {
      // A day needs enough centres to say anything about the country.
      if (xs.length >= 5) out.get(columns[k]!)!.push({ date, price: median(xs) });
    });
  }
  return out;
}

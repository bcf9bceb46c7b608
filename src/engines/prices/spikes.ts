/**
 * Market spikes: prices jumping well beyond what that commodity's prices usually do (onions and
 * tomatoes swing more than sugar). Two looks, each scored against the commodity's own swings
 * over the past year: the week's median against the week before (a sudden jump), and against
 * the week four weeks earlier (a steady climb, like pulses in 2015). A normal tomato season does
 * not raise an alarm; the 2019 onion crisis does.
 */
import { addDays, daysBetween, type IsoDate } from '../../domain/dates.js';
import { median } from './robust.js';

export interface PricePoint {
  date: IsoDate;
  price: number;
}

export interface Spike {
  date: IsoDate;
  /** The rise that raised the alert (0.3 = +30 %), over one week or four. */
  change: number;
  weeks: 1 | 4;
  /** How unusual that is for this commodity. */
  z: number;
}

export interface SpikeOptions {
  /** Smallest rises worth an alert, whatever the commodity: over a week, and over four weeks. */
  minWeekly?: number;
  minMonthly?: number;
  /** How many of the commodity's usual swings a rise must exceed. */
  z?: number;
  /** After an alert, stay quiet this long unless prices climb this much further. */
  quietDays?: number;
  further?: number;
}

/** Chosen on the DCA record 2010–2021 (bench:prices): 83 % of alerts fall in or just before a price crisis. */
const DEFAULTS: Required<SpikeOptions> = { minWeekly: 0.2, minMonthly: 0.2, z: 3, quietDays: 42, further: 0.3 };

/**
 * The usual size of a swing: the 90th percentile of the absolute log changes of the past year,
 * scaled to a standard deviation. (The median absolute deviation is zero for prices that move
 * in whole rupees and sit still most weeks.)
 */
function swing(history: number[]): number {
  const sorted = history.map(Math.abs).sort((a, b) => a - b);
  return Math.max(sorted[Math.floor(0.9 * (sorted.length - 1))]! / 1.645, 0.02);
}

/** Alerts over a daily series ordered by date (gaps allowed). */
export function detectSpikes(series: readonly PricePoint[], options: SpikeOptions = {}): Spike[] {
  const o = { ...DEFAULTS, ...options };
  if (series.length < 60) return [];
  const start = series[0]!.date;
  const byDay = new Map(series.map((p) => [daysBetween(start, p.date), p.price]));
  const last = daysBetween(start, series.at(-1)!.date);
  const weekMedian = (end: number) => {
    const xs: number[] = [];
    for (let d = end - 6; d <= end; d++) {
      const v = byDay.get(d);
      if (v !== undefined) xs.push(v);
    }
    return xs.length >= 3 ? median(xs) : undefined;
  };
  const weekly: Array<{ day: number; log: number }> = [];
  const monthly: Array<{ day: number; log: number }> = [];
  const out: Spike[] = [];
  let lastAlert: { day: number; level: number } | undefined;
  // The changes of the past year up to `lag` days ago; days only grow, so the window slides.
  const starts = new Map<Array<{ day: number; log: number }>, number>();
  const past = (changes: Array<{ day: number; log: number }>, day: number, lag: number) => {
    let from = starts.get(changes) ?? 0;
    while (from < changes.length && changes[from]!.day < day - 365) from++;
    starts.set(changes, from);
    let to = changes.length;
    while (to > from && changes[to - 1]!.day > day - lag) to--;
    return changes.slice(from, to).map((c) => c.log);
  };
  for (let day = 34; day <= last; day++) {
    if (!byDay.has(day)) continue;
    const now = weekMedian(day);
    const weekAgo = weekMedian(day - 7);
    const monthAgo = weekMedian(day - 28);
    if (now === undefined) continue;
    let alert: Spike | undefined;
    if (weekAgo) {
      const log = Math.log(now / weekAgo);
      const history = past(weekly, day, 7);
      weekly.push({ day, log });
      const z = log / swing(history);
      if (history.length >= 60 && now / weekAgo - 1 >= o.minWeekly && z >= o.z) alert = { date: addDays(start, day), change: now / weekAgo - 1, weeks: 1, z };
    }
    if (monthAgo) {
      const log = Math.log(now / monthAgo);
      const history = past(monthly, day, 28);
      monthly.push({ day, log });
      const z = log / swing(history);
      if (!alert && history.length >= 60 && now / monthAgo - 1 >= o.minMonthly && z >= o.z) alert = { date: addDays(start, day), change: now / monthAgo - 1, weeks: 4, z };
    }
    if (!alert) continue;
    if (lastAlert && day - lastAlert.day < o.quietDays && now < lastAlert.level * (1 + o.further)) continue;
    lastAlert = { day, level: now };
    out.push({ ...alert, change: Math.round(alert.change * 1000) / 1000, z: Math.round(alert.z * 10) / 10 });
  }
  return out;
}

/**
 * Festival windows: the days around a festival when a kirana's sales move (Dhanteras to Bhai
 * Dooj, the nine nights of Navratri, the days before Eid). Derived from the bundled holiday
 * calendar (resources/calendar, MIT, from vacanza/holidays) by rules that name each window.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, type IsoDate } from './dates.js';

export interface Holiday {
  date: IsoDate;
  name: string;
  category: 'public' | 'optional';
  /** Empty for national holidays; `MH`, `TN`… for state ones. */
  state: string;
}

export const FESTIVALS = [
  'diwali', 'navratri', 'holi', 'eid_ul_fitr', 'eid_ul_adha', 'pongal', 'raksha_bandhan',
  'ganesh_chaturthi', 'onam', 'chhath', 'christmas',
] as const;
export type Festival = (typeof FESTIVALS)[number];

export interface FestivalWindow {
  festival: Festival;
  start: IsoDate;
  end: IsoDate;
  /** The festival day itself. */
  peak: IsoDate;
}

/**
 * How each window is found in the calendar and how far it reaches around the day. A regional
 * festival (`states`) moves sales only in the states that keep it: Onam in Kerala, Chhath in
 * Bihar, Jharkhand, Uttar Pradesh and Delhi.
 */
const RULES: Array<{ festival: Festival; name: RegExp; before: number; after: number; states?: readonly string[] }> = [
  // Shopping starts before Dhanteras (Diwali − 2) and runs to Bhai Dooj (Diwali + 3).
  { festival: 'diwali', name: /^Diwali\b/, before: 4, after: 3 },
  // The nine nights before Dussehra, and Dussehra itself.
  { festival: 'navratri', name: /^Dussehra$/, before: 9, after: 0 },
  { festival: 'holi', name: /^Holi$/, before: 3, after: 0 },
  { festival: 'eid_ul_fitr', name: /^Id-ul-Fitr/, before: 4, after: 1 },
  { festival: 'eid_ul_adha', name: /^Id-ul-Zuha/, before: 3, after: 1 },
  { festival: 'pongal', name: /^Pongal$/, before: 2, after: 2, states: ['TN', 'PY'] },
  { festival: 'raksha_bandhan', name: /^Raksha Bandhan$/, before: 2, after: 0 },
  // Ten days, Chaturthi to Anant Chaturdashi.
  { festival: 'ganesh_chaturthi', name: /^(Ganesh|Vinayak)a? Chaturthi/, before: 2, after: 9, states: ['MH', 'GA', 'KA', 'TG', 'AP'] },
  { festival: 'onam', name: /^Onam$/, before: 3, after: 0, states: ['KL'] },
  { festival: 'chhath', name: /\bChhath? Puja\b/, before: 3, after: 1, states: ['BR', 'JH', 'UP', 'DL'] },
  { festival: 'christmas', name: /^Christmas$/, before: 3, after: 1 },
];

/** The calendar's older state codes, as the store records spell them (india-states.ts). */
const STATE_CODES: Record<string, string> = { CG: 'CT', OD: 'OR', TS: 'TG' };

const CALENDAR = fileURLToPath(new URL('../../resources/calendar/india_holidays_2023_2030.csv', import.meta.url));
let holidays: Holiday[] | undefined;

/** The bundled calendar (2023–2030), read once. */
export function loadHolidays(): Holiday[] {
  holidays ??= readFileSync(CALENDAR, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [date, , name, category, scope, state] = line.split(',');
      return { date: date!, name: name!, category: category as Holiday['category'], state: scope === 'state' ? (STATE_CODES[state!] ?? state!) : '' };
    });
  return holidays;
}

/**
 * Festival windows overlapping [from, to] for a store in `state` (ISO code such as `MH`):
 * national festivals everywhere, regional ones where they are kept. Without a state, the
 * windows of every festival (what a national chain would see).
 */
export function festivalWindows(from: IsoDate, to: IsoDate, options: { state?: string; calendar?: Holiday[] } = {}): FestivalWindow[] {
  const windows = new Map<string, FestivalWindow>();
  for (const holiday of options.calendar ?? loadHolidays()) {
    const rule = RULES.find((r) => r.name.test(holiday.name));
    if (!rule) continue;
    if (options.state && rule.states && !rule.states.includes(options.state)) continue;
    // The state rows repeat national ones and name regional ones on their own.
    if (holiday.state && options.state !== holiday.state) continue;
    const window = { festival: rule.festival, start: addDays(holiday.date, -rule.before), end: addDays(holiday.date, rule.after), peak: holiday.date };
    if (window.end < from || window.start > to) continue;
    // One window per festival and day (Pongal and its state rows, duplicate names).
    windows.set(`${rule.festival}|${holiday.date}`, window);
  }
  return [...windows.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
}

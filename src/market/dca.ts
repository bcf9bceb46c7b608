/**
 * The Department of Consumer Affairs' daily price report: one table per day, a row per centre,
 * a column per commodity; retail in rupees per kg (milk per litre), wholesale in rupees per
 * quintal. The column headers have been spelled two ways over the years ("Groundnut Oil
 * (Packed)" and "Ground- nut Oil *"); both read the same. "NR" means not reported.
 */
import { parse } from 'csv-parse/sync';
import { addDays, type IsoDate } from '../domain/dates.js';
import type { MarketQuote } from '../domain/prices.js';
import { COMMODITIES, commodityOfDcaColumn, DCA_CENTRE_STATES } from '../engines/prices/index.js';
import { SourceError, type MarketSource } from './source.js';

/** Header text → report column, ignoring case, punctuation, footnote marks and "(Packed)". */
const key = (text: string) => text.toLowerCase().replace(/packed/g, '').replace(/[^a-z]/g, '');
const COLUMN_BY_HEADER = new Map(
  Object.values(COMMODITIES)
    .flatMap((c) => (c.dca ? [c.dca] : []))
    .map((column) => [key(column.replace(/_/g, ' ')), column]),
);

const SUMMARY_ROW = /^(all india|average|maximum|minimum|modal|max|min)\b/i;

export function parseDcaReport(text: string, meta: { date: IsoDate; level: 'retail' | 'wholesale' }): MarketQuote[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new SourceError(`dca_${meta.level}`, `report is not a readable table: ${(error as Error).message}`);
  }
  const header = rows[0];
  if (!header || key(header[0] ?? '') !== 'centre') throw new SourceError(`dca_${meta.level}`, 'report has no "Centre" header row');
  const columns = header.map((h) => COLUMN_BY_HEADER.get(key(h)));
  if (!columns.some(Boolean)) throw new SourceError(`dca_${meta.level}`, 'report names none of the commodities');
  const out: MarketQuote[] = [];
  for (const row of rows.slice(1)) {
    const centre = (row[0] ?? '').trim().toUpperCase();
    if (!centre || SUMMARY_ROW.test(centre)) continue;
    columns.forEach((column, i) => {
      const commodity = column && commodityOfDcaColumn(column);
      const cell = (row[i] ?? '').trim();
      if (!commodity || cell === '' || /^n\.?r\.?$/i.test(cell) || cell === '-') return;
      const value = Number(cell.replace(/,/g, ''));
      if (!Number.isFinite(value) || value <= 0) return;
      const info = COMMODITIES[commodity];
      // Wholesale per quintal → per kg; oils are reported by weight, sold by the litre.
      const perKg = meta.level === 'wholesale' ? value / 100 : value;
      const price = info.unit === 'litre' && info.kgPerLitre && commodity !== 'milk' ? perKg * info.kgPerLitre : perKg;
      const state = DCA_CENTRE_STATES[centre];
      out.push({
        source: meta.level === 'retail' ? 'dca_retail' : 'dca_wholesale',
        commodity,
        feedName: header[i]!,
        market: centre,
        ...(state ? { state } : {}),
        date: meta.date,
        level: meta.level,
        unit: info.unit,
        price: Math.round(price * 100) / 100,
      });
    });
  }
  return out;
}

export interface DcaOptions {
  /** URL templates of the day's report table, with {yyyy}, {mm} and {dd}. */
  retailUrl?: string;
  wholesaleUrl?: string;
  /** Look back this many days for the newest report (holidays have none). */
  lookbackDays?: number;
  timeoutMs?: number;
  today: () => IsoDate;
}

export class DcaReportSource implements MarketSource {
  constructor(
    readonly name: 'dca_retail' | 'dca_wholesale',
    private readonly options: DcaOptions,
  ) {}

  async fetch(): Promise<MarketQuote[]> {
    const template = this.name === 'dca_retail' ? this.options.retailUrl : this.options.wholesaleUrl;
    if (!template) return [];
    const level = this.name === 'dca_retail' ? 'retail' : 'wholesale';
    for (let back = 0; back <= (this.options.lookbackDays ?? 7); back++) {
      const date = addDays(this.options.today(), -back);
      const url = template.replace('{yyyy}', date.slice(0, 4)).replace('{mm}', date.slice(5, 7)).replace('{dd}', date.slice(8, 10));
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
      } catch (error) {
        throw new SourceError(this.name, (error as Error).name === 'TimeoutError' ? 'timed out' : `unreachable: ${(error as Error).message}`);
      }
      if (response.status === 404) continue;
      if (!response.ok) throw new SourceError(this.name, `HTTP ${response.status}`);
      return parseDcaReport(await response.text(), { date, level });
    }
    return [];
  }
}

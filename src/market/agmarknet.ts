/**
 * AGMARKNET mandi prices through the data.gov.in API ("Current Daily Price of Various
 * Commodities from Various Markets (Mandi)"): min/max/modal in rupees per quintal, per market
 * and day. One request per staple commodity (and state, when the store states are known), page
 * by page; every record is checked and normalised to rupees per kg (per litre for oils).
 */
import { z } from 'zod';
import { findState } from '../domain/india-states.js';
import type { MarketQuote } from '../domain/prices.js';
import { COMMODITIES, commodityOfAgmarknet } from '../engines/prices/index.js';
import { SourceError, type MarketSource } from './source.js';

export const MANDI_RESOURCE = '9ef84268-d588-465a-a308-a864a43d0070';

/** A price the feed gives as a string or a number. */
const amount = z.union([z.number(), z.string()]).transform((v) => (typeof v === 'number' ? v : Number(v.trim())));

export const mandiRecord = z.object({
  state: z.string(),
  district: z.string().optional().default(''),
  market: z.string(),
  commodity: z.string(),
  variety: z.string().optional().default(''),
  grade: z.string().optional().default(''),
  arrival_date: z.string(),
  min_price: amount.optional(),
  max_price: amount.optional(),
  modal_price: amount,
});
export type MandiRecord = z.input<typeof mandiRecord>;

const envelope = z.object({
  status: z.string().optional(),
  total: z.coerce.number().int().nonnegative(),
  count: z.coerce.number().int().nonnegative().optional(),
  offset: z.coerce.number().int().nonnegative().optional(),
  records: z.array(z.unknown()),
});

const DDMMYYYY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** One record as a quote, or undefined for commodities we do not price and figures that make no sense. */
export function quoteFromMandiRecord(raw: unknown): MarketQuote | undefined {
  const parsed = mandiRecord.safeParse(raw);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const commodity = commodityOfAgmarknet(r.commodity);
  const date = DDMMYYYY.exec(r.arrival_date.trim());
  if (!commodity || !date) return undefined;
  const iso = `${date[3]}-${date[2]}-${date[1]}`;
  if (Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) return undefined;
  const info = COMMODITIES[commodity];
  // Rupees per quintal (100 kg) → per kg, or per litre for oils priced by weight.
  const perUnit = (v: number | undefined) => (v === undefined || !Number.isFinite(v) || v <= 0 ? undefined : (v / 100) * (info.unit === 'litre' ? (info.kgPerLitre ?? 1) : 1));
  const modal = perUnit(r.modal_price);
  if (modal === undefined) return undefined;
  const min = perUnit(r.min_price);
  const max = perUnit(r.max_price);
  const state = findState(r.state)?.state.code;
  return {
    source: 'agmarknet',
    commodity,
    feedName: r.commodity,
    ...(r.variety ? { variety: r.variety } : {}),
    ...(r.grade ? { grade: r.grade } : {}),
    market: r.market,
    ...(r.district ? { district: r.district } : {}),
    ...(state ? { state } : {}),
    date: iso,
    level: 'wholesale',
    unit: info.unit,
    price: round(modal),
    ...(min !== undefined && min <= modal ? { min: round(min) } : {}),
    ...(max !== undefined && max >= modal ? { max: round(max) } : {}),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

export interface DataGovOptions {
  baseUrl: string;
  apiKey: string;
  /** Feed names to ask for (default: every staple the engine prices). */
  commodities?: readonly string[];
  /** Feed state names to filter by (default: the whole country). */
  states?: readonly string[];
  pageSize?: number;
  /** Give up on one request after this long. */
  timeoutMs?: number;
  /** At most this many pages per commodity (a runaway `total` must not loop for ever). */
  maxPages?: number;
}

export class DataGovMandiSource implements MarketSource {
  readonly name = 'agmarknet' as const;

  constructor(private readonly options: DataGovOptions) {}

  async fetch(): Promise<MarketQuote[]> {
    const commodities = this.options.commodities ?? Object.values(COMMODITIES).flatMap((c) => c.agmarknet);
    const states: Array<string | undefined> = this.options.states?.length ? [...this.options.states] : [undefined];
    const quotes: MarketQuote[] = [];
    for (const commodity of commodities) {
      for (const state of states) quotes.push(...(await this.fetchAll(commodity, state)));
    }
    return quotes;
  }

  private async fetchAll(commodity: string, state: string | undefined): Promise<MarketQuote[]> {
    const limit = this.options.pageSize ?? 1000;
    const out: MarketQuote[] = [];
    for (let page = 0, offset = 0; page < (this.options.maxPages ?? 50); page++) {
      const url = new URL(`resource/${MANDI_RESOURCE}`, this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
      url.searchParams.set('api-key', this.options.apiKey);
      url.searchParams.set('format', 'json');
      url.searchParams.set('limit', String(limit));
      url.searchParams.set('offset', String(offset));
      url.searchParams.set('filters[commodity]', commodity);
      if (state) url.searchParams.set('filters[state]', state);
      const body = await this.get(url);
      const parsed = envelope.safeParse(body);
      if (!parsed.success) throw new SourceError('agmarknet', `unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      for (const record of parsed.data.records) {
        const quote = quoteFromMandiRecord(record);
        if (quote) out.push(quote);
      }
      offset += parsed.data.records.length;
      if (parsed.data.records.length === 0 || offset >= parsed.data.total) break;
    }
    return out;
  }

  private async get(url: URL): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000), headers: { accept: 'application/json' } });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new SourceError('agmarknet', timedOut ? 'timed out' : `unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new SourceError('agmarknet', `HTTP ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new SourceError('agmarknet', 'response is not JSON');
    }
  }
}

/**
 * Reads an uploaded sales file (CSV `date,sku,qty[,price]` or JSON) into raw rows that remember
 * where they came from, so every problem can be reported against the owner's own line numbers.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../domain/errors.js';

export interface RawRow {
  /** Line in the CSV file (header is line 1), or position in the JSON array (first is 1). */
  row: number;
  date: unknown;
  sku: unknown;
  qty: unknown;
  price: unknown;
}

export type SalesFormat = 'csv' | 'json';

/** More rows than a year of 270 products: bigger files go in several uploads. */
export const MAX_ROWS = 100_000;

const REQUIRED = ['date', 'sku', 'qty'] as const;

function invalidFile(message: string, metadata: Record<string, string | number> = {}): AppError {
  return new AppError('INGEST.INVALID_FILE', message, { status: 422, metadata, permanent: true });
}

/** Decodes bytes as UTF-8, refusing anything else (a spreadsheet saved as UTF-16 or Latin-1). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidFile('The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.');
  }
}

export function readSalesFile(text: string, format: SalesFormat): RawRow[] {
  const rows = format === 'csv' ? readCsv(text) : readJson(text);
  if (rows.length === 0) throw invalidFile('The file has no sales rows.');
  if (rows.length > MAX_ROWS) throw invalidFile(`The file has ${rows.length} rows; upload at most ${MAX_ROWS} at a time.`, { rows: rows.length });
  return rows;
}

function readCsv(text: string): RawRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw invalidFile(`The CSV cannot be read: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw invalidFile('The file is empty.');
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw invalidFile(`The header must name the columns date,sku,qty (price optional); missing: ${missing.join(', ')}.`, {
      header: header.record.join(','),
    });
  }
  const at = (name: string) => columns.indexOf(name);
  return body.map(({ record, info }) => ({
    row: info.lines,
    date: record[at('date')],
    sku: record[at('sku')],
    qty: record[at('qty')],
    price: at('price') >= 0 ? record[at('price')] : undefined,
    ...(record.length !== columns.length ? { columnCount: record.length } : {}),
  }));
}

function readJson(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalidFile(`The JSON cannot be read: ${(error as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { sales?: unknown })?.sales;
  if (!Array.isArray(list)) throw invalidFile('Send a JSON array of {date, sku, qty, price?} objects, or {"sales": [...]}.');
  return list.map((item, i) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    return { row: i + 1, date: o.date, sku: o.sku, qty: o.qty, price: o.price };
  });
}

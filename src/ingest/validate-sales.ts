/**
 * Checks every row before anything is written: a file with one bad row is rejected whole, with
 * every problem listed, so the owner fixes the file once and nothing is half-imported.
 */
import { isIsoDate, type IsoDate } from '../domain/dates.js';
import { MAX_DAILY_QTY, MAX_UNIT_PRICE, type Sale } from '../domain/sale.js';
import type { RawRow } from './sales-file.js';

export type RowErrorCode =
  | 'MISSING_VALUE'
  | 'INVALID_DATE'
  | 'FUTURE_DATE'
  | 'TOO_OLD'
  | 'UNKNOWN_SKU'
  | 'INVALID_QTY'
  | 'NEGATIVE_QTY'
  | 'ABSURD_QTY'
  | 'INVALID_PRICE'
  | 'DUPLICATE_ROW'
  | 'WRONG_COLUMN_COUNT';

export interface RowError {
  row: number;
  column?: 'date' | 'sku' | 'qty' | 'price';
  code: RowErrorCode;
  message: string;
}

const EARLIEST: IsoDate = '2000-01-01';

/** ISO dates, and the Indian day-first forms 26/11/2025 and 26-11-2025. */
function toIsoDate(value: string): IsoDate | undefined {
  if (isIsoDate(value)) return value;
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim())) return undefined;
  return Number(value);
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function validateSales(rows: RawRow[], knownSkus: ReadonlySet<string>, today: IsoDate): { sales: Sale[]; errors: RowError[] } {
  const sales: Sale[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();

  for (const raw of rows) {
    const problems: RowError[] = [];
    const fail = (code: RowErrorCode, message: string, column?: RowError['column']) =>
      problems.push({ row: raw.row, code, message, ...(column ? { column } : {}) });

    const columnCount = (raw as { columnCount?: number }).columnCount;
    if (columnCount !== undefined) fail('WRONG_COLUMN_COUNT', `Row has ${columnCount} values; the header has a different number.`);

    let date: IsoDate | undefined;
    if (blank(raw.date)) fail('MISSING_VALUE', 'Date is missing.', 'date');
    else if (!(date = toIsoDate(String(raw.date).trim()))) fail('INVALID_DATE', `"${String(raw.date)}" is not a date; use YYYY-MM-DD.`, 'date');
    else if (date > today) fail('FUTURE_DATE', `${date} is in the future.`, 'date');
    else if (date < EARLIEST) fail('TOO_OLD', `${date} is before ${EARLIEST}.`, 'date');

    const sku = blank(raw.sku) ? undefined : String(raw.sku).trim();
    if (!sku) fail('MISSING_VALUE', 'SKU is missing.', 'sku');
    else if (!knownSkus.has(sku)) fail('UNKNOWN_SKU', `SKU "${sku}" is not in the catalogue; add the product first.`, 'sku');

    const qty = toNumber(raw.qty);
    if (blank(raw.qty)) fail('MISSING_VALUE', 'Quantity is missing.', 'qty');
    else if (qty === undefined) fail('INVALID_QTY', `"${String(raw.qty)}" is not a number.`, 'qty');
    else if (qty < 0) fail('NEGATIVE_QTY', `Quantity ${qty} is negative; record returns separately.`, 'qty');
    else if (qty > MAX_DAILY_QTY) fail('ABSURD_QTY', `Quantity ${qty} is more than ${MAX_DAILY_QTY} in one day; please check it.`, 'qty');

    let price: number | null = null;
    if (!blank(raw.price)) {
      const p = toNumber(raw.price);
      if (p === undefined || p < 0 || p > MAX_UNIT_PRICE) fail('INVALID_PRICE', `Price "${String(raw.price)}" must be a number from 0 to ${MAX_UNIT_PRICE}.`, 'price');
      else price = p;
    }

    if (date && sku) {
      const key = `${date}|${sku}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) fail('DUPLICATE_ROW', `${sku} on ${date} already appears in row ${first}; send one total per day.`);
      else firstRowOf.set(key, raw.row);
    }

    if (problems.length) errors.push(...problems);
    else sales.push({ date: date!, sku: sku!, qty: qty!, price });
  }
  return { sales, errors };
}

/**
 * Sales ingest: an uploaded file → validated rows → the store's Parquet partitions. All or
 * nothing: any bad row rejects the file with row-level errors and writes nothing.
 */
import { AppError } from '../domain/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { withLock, type Lease } from '../storage/lock.js';
import type { SalesLake } from '../storage/sales-lake.js';
import type { Table } from '../storage/tables.port.js';
import { decodeUtf8, readSalesFile, type SalesFormat } from './sales-file.js';
import { validateSales, type RowError } from './validate-sales.js';

export type { RowError } from './validate-sales.js';
export type { SalesFormat } from './sales-file.js';

export interface IngestRequest {
  storeId: string;
  body: Uint8Array;
  format: SalesFormat;
  knownSkus: ReadonlySet<string>;
  /** The store's local date: later dates are rejected. */
  today: IsoDate;
}

export interface IngestResult {
  rows: number;
  skus: number;
  from: IsoDate;
  to: IsoDate;
  months: string[];
  added: number;
  replaced: number;
}

/** At most this many row errors are listed; the total is always given. */
const MAX_LISTED_ERRORS = 100;

export interface SalesCheck {
  rows: number;
  skus: number;
  from: IsoDate;
  to: IsoDate;
}

export interface SalesIngest {
  /** Validates and writes a file. Throws `INGEST.INVALID_FILE` or `INGEST.INVALID_ROWS` (422) and writes nothing. */
  ingest(request: IngestRequest): Promise<IngestResult>;
  /** Validates a file as `ingest` would, and writes nothing: the check before an owner confirms. */
  check(request: IngestRequest): Promise<SalesCheck>;
}

/** `onWritten` hears which store's sales changed, and for which products (caches drop them). */
export function createSalesIngest(lake: SalesLake, locks: Table<Lease>, onWritten?: (storeId: string, skus: string[]) => void | Promise<void>): SalesIngest {
  const validate = (request: IngestRequest) => {
    const rows = readSalesFile(decodeUtf8(request.body), request.format);
    const { sales, errors } = validateSales(rows, request.knownSkus, request.today);
    if (errors.length) throw rowErrors(errors);
    return sales;
  };
  return {
    async check(request) {
      const sales = validate(request);
      const dates = sales.map((s) => s.date).sort();
      return { rows: sales.length, skus: new Set(sales.map((s) => s.sku)).size, from: dates[0]!, to: dates.at(-1)! };
    },
    async ingest(request) {
      const sales = validate(request);
      // Two uploads for one store must not interleave their read-merge-write of a month.
      const summary = await withLock(locks, `ingest:${request.storeId}`, () => lake.upsert(request.storeId, sales));
      await onWritten?.(request.storeId, [...new Set(sales.map((s) => s.sku))]);
      const dates = sales.map((s) => s.date).sort();
      return {
        rows: sales.length,
        skus: new Set(sales.map((s) => s.sku)).size,
        from: dates[0]!,
        to: dates.at(-1)!,
        months: summary.months,
        added: summary.added,
        replaced: summary.replaced,
      };
    },
  };
}

function rowErrors(errors: RowError[]): AppError {
  const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
  return new AppError('INGEST.INVALID_ROWS', `${rowsWithErrors} row(s) have problems; nothing was imported.`, {
    status: 422,
    permanent: true,
    metadata: { errorCount: errors.length, errors: errors.slice(0, MAX_LISTED_ERRORS) },
  });
}

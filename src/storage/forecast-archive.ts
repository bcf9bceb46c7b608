/**
 * Forecast batches on the blob store, in the design's layout:
 * `forecasts/store_id=S/date=YYYY-MM-DD/forecast.json` (the whole batch, as the API returns it)
 * and `rows/forecast.parquet` under it (one row per product and day, for the accuracy SQL that joins
 * forecasts with the sales lake). A sales upload marks products stale in `invalidated.json`, so
 * every process stops serving their cached numbers.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { addDays, daysBetween } from '../domain/dates.js';
import type { StoreForecastRecord } from '../domain/forecast.js';
import type { Blobs } from './blobs.port.js';

export function forecastPrefix(storeId: string, date: string): string {
  return `forecasts/store_id=${storeId}/date=${date}/`;
}

export function encodeForecastRows(record: StoreForecastRecord): Uint8Array {
  const rows = record.forecasts.flatMap((f) => f.forecast.map((p) => ({ f, p })));
  const column = <T>(name: string, type: 'STRING' | 'DOUBLE' | 'INT32', pick: (r: (typeof rows)[number]) => T) => ({ name, type, data: rows.map(pick) });
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        column('sku', 'STRING', (r) => r.f.sku),
        column('target_date', 'STRING', (r) => r.p.date),
        // Days from the batch's first day: 0 is the day it ran for.
        column('step', 'INT32', (r) => daysBetween(record.date, r.p.date)),
        column('quantity', 'DOUBLE', (r) => r.p.quantity),
        column('lower80', 'DOUBLE', (r) => r.p.lower),
        column('upper80', 'DOUBLE', (r) => r.p.upper),
        column('lower95', 'DOUBLE', (r) => r.p.lower95),
        column('upper95', 'DOUBLE', (r) => r.p.upper95),
        column('model', 'STRING', (r) => r.f.model),
      ],
    }),
  );
}

export class ForecastArchive {
  constructor(private readonly blobs: Blobs) {}

  /** Writes a batch; the Parquet rows first, so the JSON (what readers look for) never points at missing rows. */
  async write(record: StoreForecastRecord): Promise<void> {
    const prefix = forecastPrefix(record.storeId, record.date);
    // In a folder of its own: Athena reads every file under a partition's location as Parquet.
    await this.blobs.put(`${prefix}rows/forecast.parquet`, encodeForecastRows(record), { contentType: 'application/vnd.apache.parquet' });
    await this.blobs.put(`${prefix}forecast.json`, JSON.stringify(record), { contentType: 'application/json' });
    // A new batch is fresh for every product.
    await this.blobs.delete(`${prefix}invalidated.json`);
  }

  async read(storeId: string, date: string): Promise<StoreForecastRecord | undefined> {
    const bytes = await this.blobs.get(`${forecastPrefix(storeId, date)}forecast.json`);
    return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as StoreForecastRecord) : undefined;
  }

  /** Marks products of the day's batch stale (their sales changed after it ran). */
  async invalidate(storeId: string, date: string, skus: readonly string[]): Promise<void> {
    const key = `${forecastPrefix(storeId, date)}invalidated.json`;
    const stale = new Set([...(await this.invalidated(storeId, date)), ...skus]);
    await this.blobs.put(key, JSON.stringify([...stale].sort()), { contentType: 'application/json' });
  }

  async invalidated(storeId: string, date: string): Promise<Set<string>> {
    const bytes = await this.blobs.get(`${forecastPrefix(storeId, date)}invalidated.json`);
    return new Set(bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as string[]) : []);
  }

  /** Batch days on record for a store, oldest first. */
  async dates(storeId: string): Promise<string[]> {
    const keys = await this.blobs.list(`forecasts/store_id=${storeId}/`);
    return [...new Set(keys.filter((k) => k.endsWith('/forecast.json')).map((k) => /date=(\d{4}-\d{2}-\d{2})\//.exec(k)?.[1]).filter((d): d is string => !!d))].sort();
  }

  /** Deletes batches older than `days` before `today` (the design keeps 90 days). */
  async prune(storeId: string, today: string, days = 90): Promise<number> {
    const cutoff = addDays(today, -days);
    let removed = 0;
    for (const date of await this.dates(storeId)) {
      if (date >= cutoff) continue;
      for (const key of await this.blobs.list(forecastPrefix(storeId, date))) await this.blobs.delete(key);
      removed++;
    }
    return removed;
  }
}

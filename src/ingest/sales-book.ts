/**
 * Sales logged by chat ("aaj 20 packet dudh bika"): each entry adds to that day's total in the
 * sales lake (and undo subtracts), under the same store lock as file uploads.
 */
import type { IsoDate } from '../domain/dates.js';
import { withLock, type Lease } from '../storage/lock.js';
import type { SalesLake } from '../storage/sales-lake.js';
import type { Table } from '../storage/tables.port.js';

export interface SalesBook {
  /** Adds `delta` (negative to take back) to a product's sales on a day; returns the day's new total. */
  add(storeId: string, sku: string, date: IsoDate, delta: number, price: number | null): Promise<number>;
}

/** `onWritten` hears which store's sales changed, and for which product (caches drop it). */
export function createSalesBook(lake: SalesLake, locks: Table<Lease>, onWritten?: (storeId: string, skus: string[]) => void | Promise<void>): SalesBook {
  return {
    async add(storeId, sku, date, delta, price) {
      const total = await withLock(locks, `ingest:${storeId}`, async () => {
        const month = await lake.readMonth(storeId, date.slice(0, 7));
        const current = month.find((s) => s.date === date && s.sku === sku);
        const qty = Math.max(0, Math.round(((current?.qty ?? 0) + delta) * 1000) / 1000);
        await lake.upsert(storeId, [{ date, sku, qty, price: current?.price ?? price }]);
        return qty;
      });
      await onWritten?.(storeId, [sku]);
      return total;
    },
  };
}

/**
 * The sales lake: one Parquet file per store and month under
 * `sales/store_id=S/year=YYYY/month=MM/sales.parquet`, the layout Athena's Glue table and DuckDB
 * both read. Writing merges by (date, sku): a re-upload of the same days replaces them, so
 * nothing is counted twice.
 */
import { parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Sale } from '../domain/sale.js';
import type { Blobs } from './blobs.port.js';

export function salesPrefix(storeId: string): string {
  return `sales/store_id=${storeId}/`;
}

export function salesPartitionKey(storeId: string, month: string): string {
  const [year, mm] = month.split('-');
  return `${salesPrefix(storeId)}year=${year}/month=${mm}/sales.parquet`;
}

export function encodeSales(sales: Sale[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'sale_date', data: sales.map((s) => s.date), type: 'STRING' },
      { name: 'sku', data: sales.map((s) => s.sku), type: 'STRING' },
      { name: 'qty', data: sales.map((s) => s.qty), type: 'DOUBLE' },
      { name: 'price', data: sales.map((s) => s.price), type: 'DOUBLE' },
    ],
  });
  return new Uint8Array(buffer);
}

export async function decodeSales(bytes: Uint8Array): Promise<Sale[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file })) as Array<{ sale_date: string; sku: string; qty: number; price: number | null }>;
  return rows.map((r) => ({ date: r.sale_date, sku: r.sku, qty: Number(r.qty), price: r.price ?? null }));
}

const bySkuThenDate = (a: Sale, b: Sale): number => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export interface WriteSummary {
  /** `YYYY-MM` partitions rewritten. */
  months: string[];
  /** Rows written that replaced a stored (date, sku). */
  replaced: number;
  /** Rows that were new. */
  added: number;
}

export class SalesLake {
  constructor(private readonly blobs: Blobs) {}

  async readMonth(storeId: string, month: string): Promise<Sale[]> {
    const bytes = await this.blobs.get(salesPartitionKey(storeId, month));
    return bytes ? decodeSales(bytes) : [];
  }

  /**
   * Writes validated sales, month by month. Callers hold the store's ingest lock: this is a
   * read-merge-write of each month's file.
   */
  async upsert(storeId: string, sales: Sale[]): Promise<WriteSummary> {
    const byMonth = new Map<string, Sale[]>();
    for (const sale of sales) {
      const month = sale.date.slice(0, 7);
      if (!byMonth.has(month)) byMonth.set(month, []);
      byMonth.get(month)!.push(sale);
    }
    const summary: WriteSummary = { months: [...byMonth.keys()].sort(), replaced: 0, added: 0 };
    for (const month of summary.months) {
      const merged = new Map<string, Sale>();
      for (const sale of await this.readMonth(storeId, month)) merged.set(`${sale.date}|${sale.sku}`, sale);
      for (const sale of byMonth.get(month)!) {
        const key = `${sale.date}|${sale.sku}`;
        if (merged.has(key)) summary.replaced++;
        else summary.added++;
        merged.set(key, sale);
      }
      const rows = [...merged.values()].sort(bySkuThenDate);
      await this.blobs.put(salesPartitionKey(storeId, month), encodeSales(rows), { contentType: 'application/vnd.apache.parquet' });
    }
    return summary;
  }
}

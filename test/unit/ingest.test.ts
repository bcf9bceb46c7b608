import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSalesIngest } from '../../src/ingest/index.js';
import { MAX_ROWS, readSalesFile } from '../../src/ingest/sales-file.js';
import { validateSales } from '../../src/ingest/validate-sales.js';
import { FileBlobs } from '../../src/storage/files/file-blobs.adapter.js';
import { SalesLake } from '../../src/storage/sales-lake.js';
import { TABLES } from '../../src/storage/schema.js';
import { SqliteTables } from '../../src/storage/sqlite/sqlite-tables.adapter.js';
import type { Lease } from '../../src/storage/lock.js';

const skus = new Set(['MILK', 'ATTA', 'RICE']);
const TODAY = '2025-11-26';
const encode = (s: string) => new TextEncoder().encode(s);

describe('reading sales files', () => {
  it('reads CSV with any column order, a BOM, blank lines and an optional price', () => {
    const rows = readSalesFile('\uFEFFqty,SKU,Date\n\n3,MILK,2025-11-25\n', 'csv');
    expect(rows).toEqual([{ row: 3, date: '2025-11-25', sku: 'MILK', qty: '3', price: undefined }]);
  });

  it('reads a JSON array or {"sales": [...]}', () => {
    expect(readSalesFile('[{"date":"2025-11-25","sku":"MILK","qty":3}]', 'json')).toHaveLength(1);
    expect(readSalesFile('{"sales":[{"date":"2025-11-25","sku":"MILK","qty":3,"price":29}]}', 'json')[0]).toMatchObject({ row: 1, price: 29 });
    expect(() => readSalesFile('{"rows": []}', 'json')).toThrow(/JSON array/);
    expect(() => readSalesFile('[1, 2', 'json')).toThrow(/cannot be read/);
  });

  it('refuses empty files and files past the row limit', () => {
    expect(() => readSalesFile('date,sku,qty\n', 'csv')).toThrow(/no sales rows/);
    const big = ['date,sku,qty', ...Array.from({ length: MAX_ROWS + 1 }, () => '2025-11-25,MILK,1')].join('\n');
    expect(() => readSalesFile(big, 'csv')).toThrow(/at most 100000/);
  });
});

describe('validating sales rows', () => {
  const check = (csv: string) => validateSales(readSalesFile(`date,sku,qty,price\n${csv}`, 'csv'), skus, TODAY);

  it('accepts ISO and Indian day-first dates, decimals for loose goods, and blank prices', () => {
    const { sales, errors } = check('2025-11-25,MILK,40,29\n25/11/2025,ATTA,2.5,\n1-11-2025,RICE,0,62');
    expect(errors).toEqual([]);
    expect(sales).toEqual([
      { date: '2025-11-25', sku: 'MILK', qty: 40, price: 29 },
      { date: '2025-11-25', sku: 'ATTA', qty: 2.5, price: null },
      { date: '2025-11-01', sku: 'RICE', qty: 0, price: 62 },
    ]);
  });

  it('reports every problem with its row, column and a stable code', () => {
    const { sales, errors } = check(
      ['2025-02-30,MILK,1,', ',MILK,1,', '2025-11-25,,1,', '2025-11-25,MILK,lots,', '2025-11-25,ATTA,3,free', '1999-12-31,RICE,1,', '2025-11-25,MILK,1', '2025-11-24,RICE,1,2,extra'].join('\n'),
    );
    expect(sales).toHaveLength(0);
    expect(errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'INVALID_DATE', 'date'],
      [3, 'MISSING_VALUE', 'date'],
      [4, 'MISSING_VALUE', 'sku'],
      [5, 'INVALID_QTY', 'qty'],
      [6, 'INVALID_PRICE', 'price'],
      [7, 'TOO_OLD', 'date'],
      [8, 'WRONG_COLUMN_COUNT', undefined],
      // Row 5 already gave MILK on that day, even though its quantity was wrong.
      [8, 'DUPLICATE_ROW', undefined],
      [9, 'WRONG_COLUMN_COUNT', undefined],
    ]);
  });

  it('names the first row of a duplicated day', () => {
    const { errors } = check('2025-11-25,MILK,1,\n2025-11-24,MILK,1,\n25/11/2025,MILK,2,');
    expect(errors).toEqual([{ row: 4, code: 'DUPLICATE_ROW', message: expect.stringContaining('row 2') }]);
  });
});

describe('ingest is all or nothing', () => {
  let dir: string;
  let tables: SqliteTables;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-'));
    tables = new SqliteTables(join(dir, 't.sqlite'));
    await tables.ensure([TABLES.locks]);
  });
  afterEach(async () => {
    await tables.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes nothing when one row is bad, and everything when all are good', async () => {
    const blobs = new FileBlobs(join(dir, 'lake'));
    const ingest = createSalesIngest(new SalesLake(blobs), tables.table<Lease>(TABLES.locks));
    const request = (csv: string) => ({ storeId: 'shop-1', body: encode(`date,sku,qty\n${csv}`), format: 'csv' as const, knownSkus: skus, today: TODAY });
    await expect(ingest.ingest(request('2025-10-31,MILK,3\n2025-11-01,MILK,-1'))).rejects.toMatchObject({
      code: 'INGEST.INVALID_ROWS',
      metadata: { errorCount: 1, errors: [{ row: 3, code: 'NEGATIVE_QTY' }] },
    });
    expect(await blobs.list('sales/')).toEqual([]);
    const result = await ingest.ingest(request('2025-10-31,MILK,3\n2025-11-01,MILK,4\n2025-11-01,ATTA,1.5'));
    expect(result).toEqual({ rows: 3, skus: 2, from: '2025-10-31', to: '2025-11-01', months: ['2025-10', '2025-11'], added: 3, replaced: 0 });
    expect(await blobs.list('sales/')).toEqual([
      'sales/store_id=shop-1/year=2025/month=10/sales.parquet',
      'sales/store_id=shop-1/year=2025/month=11/sales.parquet',
    ]);
  });

  it('serialises concurrent uploads to one store so neither is lost', async () => {
    const blobs = new FileBlobs(join(dir, 'lake'));
    const lake = new SalesLake(blobs);
    const ingest = createSalesIngest(lake, tables.table<Lease>(TABLES.locks));
    const days = Array.from({ length: 10 }, (_, i) => `2025-11-${String(i + 1).padStart(2, '0')}`);
    await Promise.all(
      days.map((day) => ingest.ingest({ storeId: 'shop-2', body: encode(`date,sku,qty\n${day},MILK,7`), format: 'csv', knownSkus: skus, today: TODAY })),
    );
    expect((await lake.readMonth('shop-2', '2025-11')).map((s) => s.date).sort()).toEqual(days);
  });
});

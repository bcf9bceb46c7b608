/** Sales analytics with DuckDB reading the Parquet files under the local blob root. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sale } from '../../domain/sale.js';
import { storeIdSchema } from '../../domain/store.js';
import { addDays } from '../../domain/dates.js';
import type { ProductTotal, SalesAnalytics, SalesFilter } from '../analytics.port.js';
import type { ForecastAccuracy } from '../../domain/forecast.js';
import { dailySalesQuery, forecastAccuracyQuery, productTotalsQuery, toForecastAccuracy, toProductTotal, toSale, type SqlQuery } from '../sales-sql.js';

type Row = Record<string, unknown>;

export class DuckDbSalesAnalytics implements SalesAnalytics {
  private connection?: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }>;

  /** `root` is the directory that holds `sales/` (the file blob store's root). */
  constructor(private readonly root: string) {}

  async dailySales(storeId: string, filter?: SalesFilter): Promise<Sale[]> {
    const rows = await this.run(storeId, dailySalesQuery(storeId, filter));
    return rows.map(toSale);
  }

  async productTotals(storeId: string, filter?: SalesFilter): Promise<ProductTotal[]> {
    const rows = await this.run(storeId, productTotalsQuery(storeId, filter));
    return rows.map(toProductTotal);
  }

  async forecastAccuracy(storeId: string, range: { from: string; to: string; step?: number }): Promise<ForecastAccuracy[]> {
    storeIdSchema.parse(storeId);
    if (!existsSync(join(this.root, 'forecasts', `store_id=${storeId}`))) return [];
    const query = forecastAccuracyQuery(storeId, { ...range, step: range.step ?? 0, scaleFrom: addDays(range.from, -56) });
    const rows = await this.run(storeId, { ...query, sql: query.sql.replace('{forecasts}', this.forecastsTable(storeId)) });
    return rows.map(toForecastAccuracy);
  }

  async ping(): Promise<void> {
    const { connection } = await this.open();
    await connection.run('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.connection) return;
    const { instance, connection } = await this.connection;
    this.connection = undefined;
    connection.closeSync();
    instance.closeSync();
  }

  private open(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
    this.connection ??= DuckDBInstance.create(':memory:').then(async (instance) => ({ instance, connection: await instance.connect() }));
    return this.connection;
  }

  private forecastsTable(storeId: string): string {
    const dir = join(this.root, 'forecasts').replace(/'/g, "''");
    return `read_parquet('${dir}/store_id=${storeId}/*/rows/forecast.parquet', hive_partitioning = true, union_by_name = true, hive_types = {'store_id': VARCHAR, 'date': VARCHAR})`;
  }

  private async run(storeId: string, query: SqlQuery): Promise<Row[]> {
    // The id becomes part of a file path inside the SQL text, so it must be one of ours.
    storeIdSchema.parse(storeId);
    const dir = join(this.root, 'sales', `store_id=${storeId}`);
    // DuckDB fails on a glob that matches nothing; a store without uploads simply has no sales.
    if (!existsSync(dir)) return [];
    const table = `read_parquet('${join(this.root, 'sales').replace(/'/g, "''")}/store_id=${storeId}/*/*/*.parquet', hive_partitioning = true, union_by_name = true, hive_types = {'store_id': VARCHAR, 'year': INTEGER, 'month': INTEGER})`;
    const { connection } = await this.open();
    try {
      const reader = await connection.runAndReadAll(query.sql.replace('{sales}', table), query.params);
      return reader.getRowObjectsJS() as Row[];
    } catch (error) {
      if (/No files found/.test((error as Error).message)) return [];
      throw error;
    }
  }
}

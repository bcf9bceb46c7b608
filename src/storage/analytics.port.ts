/**
 * Analytics: SQL over the sales Parquet lake (`sales/store_id=S/year=YYYY/month=MM/*.parquet`).
 * DuckDB reads the files locally; Athena reads the same layout on S3 through a Glue table. Both
 * run the same SQL (sales-sql.ts), so a query answers the same on a laptop and at scale.
 */
import type { IsoDate } from '../domain/dates.js';
import type { ForecastAccuracy } from '../domain/forecast.js';
import type { Sale } from '../domain/sale.js';

export interface SalesFilter {
  skus?: string[];
  /** Inclusive date range. */
  from?: IsoDate;
  to?: IsoDate;
}

export interface ProductTotal {
  sku: string;
  qty: number;
  /** Sum of qty × price over the days with a known price. */
  revenue: number;
  /** Days with a sales row (zeros included). */
  days: number;
  firstDate: IsoDate;
  lastDate: IsoDate;
}

export interface SalesAnalytics {
  /** Daily rows of a store, ordered by sku then date. */
  dailySales(storeId: string, filter?: SalesFilter): Promise<Sale[]>;
  /** One total per SKU over the filter, ordered by sku. */
  productTotals(storeId: string, filter?: SalesFilter): Promise<ProductTotal[]>;
  /**
   * Forecast against actual per product for target days [from, to], from the forecast batches
   * on record (`forecasts/…/rows/forecast.parquet`) and the sales lake; `step` picks how far ahead
   * the forecasts were made (0: on the morning of the day).
   */
  forecastAccuracy(storeId: string, range: { from: IsoDate; to: IsoDate; step?: number }): Promise<ForecastAccuracy[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

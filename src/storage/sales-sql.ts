/**
 * The analytics SQL, written once in the subset DuckDB and Athena (Trino) share. `{sales}` is
 * the sales table as each engine names it; `?` are positional parameters.
 */
import type { ForecastAccuracy } from '../domain/forecast.js';
import type { Sale } from '../domain/sale.js';
import type { ProductTotal, SalesFilter } from './analytics.port.js';

export interface SqlQuery {
  sql: string;
  params: Array<string | number>;
}

function where(storeId: string, filter: SalesFilter): SqlQuery {
  const clauses = ['store_id = ?'];
  const params: Array<string | number> = [storeId];
  if (filter.from) {
    // The year bound lets the engine skip whole partitions before reading any file.
    clauses.push('year >= ?', 'sale_date >= ?');
    params.push(Number(filter.from.slice(0, 4)), filter.from);
  }
  if (filter.to) {
    clauses.push('year <= ?', 'sale_date <= ?');
    params.push(Number(filter.to.slice(0, 4)), filter.to);
  }
  if (filter.skus) {
    clauses.push(filter.skus.length ? `sku IN (${filter.skus.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...filter.skus);
  }
  return { sql: clauses.join(' AND '), params };
}

export function dailySalesQuery(storeId: string, filter: SalesFilter = {}): SqlQuery {
  const w = where(storeId, filter);
  return {
    sql: `SELECT sale_date, sku, qty, price FROM {sales} WHERE ${w.sql} ORDER BY sku, sale_date`,
    params: w.params,
  };
}

export function productTotalsQuery(storeId: string, filter: SalesFilter = {}): SqlQuery {
  const w = where(storeId, filter);
  return {
    sql: `SELECT sku, SUM(qty) AS qty, SUM(COALESCE(qty * price, 0)) AS revenue, COUNT(*) AS days,
            MIN(sale_date) AS first_date, MAX(sale_date) AS last_date
          FROM {sales} WHERE ${w.sql} GROUP BY sku ORDER BY sku`,
    params: w.params,
  };
}

/**
 * Forecast against actual, per product, over target days [from, to]: the forecasts made
 * `step` days ahead (0: on the morning of the day) joined with what sold. MASE divides the
 * error by the mean absolute weekly change of the actuals over the 8 weeks before `from`, the
 * error of "same as last week". `{forecasts}` is the forecast Parquet (hive column `date` is the
 * batch day), `{sales}` the sales lake.
 */
export function forecastAccuracyQuery(storeId: string, range: { from: string; to: string; scaleFrom: string; step: number }): SqlQuery {
  return {
    sql: `WITH f AS (
        SELECT sku, target_date, quantity, lower80, upper80, lower95, upper95
        FROM {forecasts}
        WHERE store_id = ? AND step = ? AND target_date >= ? AND target_date <= ?
      ),
      s AS (
        SELECT sku, sale_date, qty FROM {sales}
        WHERE store_id = ? AND year >= ? AND sale_date >= ? AND sale_date <= ?
      ),
      weekly AS (
        SELECT a.sku, AVG(ABS(a.qty - b.qty)) AS naive_mae
        FROM s a JOIN s b ON b.sku = a.sku AND CAST(b.sale_date AS DATE) = CAST(CAST(a.sale_date AS DATE) - INTERVAL '7' DAY AS DATE)
        WHERE a.sale_date < ?
        GROUP BY a.sku
      )
      SELECT f.sku AS sku,
        COUNT(*) AS days,
        AVG(ABS(f.quantity - s.qty)) AS mae,
        AVG(ABS(f.quantity - s.qty)) / NULLIF(MAX(w.naive_mae), 0) AS mase,
        AVG(CASE WHEN s.qty > 0 THEN ABS(f.quantity - s.qty) / s.qty END) AS mape,
        AVG(f.quantity - s.qty) AS bias,
        AVG(CASE WHEN s.qty >= f.lower80 AND s.qty <= f.upper80 THEN 1.0 ELSE 0.0 END) AS coverage80,
        AVG(CASE WHEN s.qty >= f.lower95 AND s.qty <= f.upper95 THEN 1.0 ELSE 0.0 END) AS coverage95
      FROM f JOIN s ON s.sku = f.sku AND s.sale_date = f.target_date
      LEFT JOIN weekly w ON w.sku = f.sku
      GROUP BY f.sku
      ORDER BY f.sku`,
    params: [storeId, range.step, range.from, range.to, storeId, Number(range.scaleFrom.slice(0, 4)), range.scaleFrom, range.to, range.from],
  };
}

type Row = Record<string, unknown>;

/** Both engines name the columns alike; only their value types differ (bigint, string). */
export function toSale(r: Row): Sale {
  return { date: String(r.sale_date), sku: String(r.sku), qty: Number(r.qty), price: r.price === null ? null : Number(r.price) };
}

export function toProductTotal(r: Row): ProductTotal {
  return {
    sku: String(r.sku),
    qty: Number(r.qty),
    revenue: Number(r.revenue),
    days: Number(r.days),
    firstDate: String(r.first_date),
    lastDate: String(r.last_date),
  };
}

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toForecastAccuracy(r: Row): ForecastAccuracy {
  return {
    sku: String(r.sku),
    days: Number(r.days),
    mae: Number(r.mae),
    mase: numberOrNull(r.mase),
    mape: numberOrNull(r.mape),
    bias: Number(r.bias),
    coverage80: Number(r.coverage80),
    coverage95: Number(r.coverage95),
  };
}

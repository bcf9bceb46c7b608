/**
 * The analytics SQL, written once in the subset DuckDB and Athena (Trino) share. `{sales}` is
 * the sales table as each engine names it; `?` are positional parameters.
 */
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

/**
 * Sales analytics on Athena: the shared SQL runs against the Glue table over the S3 lake.
 * Athena is asynchronous: start the query, poll its state, then page through the results
 * (all values arrive as strings, typed by the result metadata).
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  StartQueryExecutionCommand,
  type AthenaClientConfig,
  type ColumnInfo,
} from '@aws-sdk/client-athena';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../domain/errors.js';
import type { Sale } from '../../domain/sale.js';
import type { ProductTotal, SalesAnalytics, SalesFilter } from '../analytics.port.js';
import { addDays } from '../../domain/dates.js';
import type { ForecastAccuracy } from '../../domain/forecast.js';
import { dailySalesQuery, forecastAccuracyQuery, productTotalsQuery, toForecastAccuracy, toProductTotal, toSale, type SqlQuery } from '../sales-sql.js';

export interface AthenaAnalyticsOptions {
  database: string;
  workGroup: string;
  /** `s3://bucket/prefix/` for query results. */
  outputLocation: string;
  /** Glue table over `sales/`, partitioned by store_id, year, month. */
  salesTable?: string;
  /** Glue table over `forecasts/`, partitioned by store_id, date. */
  forecastsTable?: string;
  client?: AthenaClientConfig;
  /** Give up on a query after this long. */
  timeoutMs?: number;
}

type Row = Record<string, string | number | null>;

const NUMERIC = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'double', 'float', 'real', 'decimal']);

/** Athena substitutes parameters as SQL literal text, so strings arrive quoted and escaped. */
function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

export class AthenaSalesAnalytics implements SalesAnalytics {
  private readonly athena: AthenaClient;

  constructor(private readonly options: AthenaAnalyticsOptions) {
    this.athena = new AthenaClient(options.client ?? {});
  }

  async dailySales(storeId: string, filter?: SalesFilter): Promise<Sale[]> {
    const rows = await this.run(dailySalesQuery(storeId, filter));
    return rows.map(toSale);
  }

  async productTotals(storeId: string, filter?: SalesFilter): Promise<ProductTotal[]> {
    const rows = await this.run(productTotalsQuery(storeId, filter));
    return rows.map(toProductTotal);
  }

  async forecastAccuracy(storeId: string, range: { from: string; to: string; step?: number }): Promise<ForecastAccuracy[]> {
    const rows = await this.run(forecastAccuracyQuery(storeId, { ...range, step: range.step ?? 0, scaleFrom: addDays(range.from, -56) }));
    return rows.map(toForecastAccuracy);
  }

  async ping(): Promise<void> {
    // The app's own workgroup: a ping scoped to what the app may use anyway.
    await this.athena.send(new GetWorkGroupCommand({ WorkGroup: this.options.workGroup }));
  }

  async close(): Promise<void> {
    this.athena.destroy();
  }

  private async run(query: SqlQuery): Promise<Row[]> {
    const table = this.options.salesTable ?? `"${this.options.database}"."sales"`;
    const started = await this.athena.send(
      new StartQueryExecutionCommand({
        QueryString: query.sql.replace('{sales}', table).replace('{forecasts}', this.options.forecastsTable ?? `"${this.options.database}"."forecasts"`),
        QueryExecutionContext: { Database: this.options.database },
        WorkGroup: this.options.workGroup,
        ResultConfiguration: { OutputLocation: this.options.outputLocation },
        ExecutionParameters: query.params.map(literal),
      }),
    );
    const id = started.QueryExecutionId!;
    await this.waitFor(id);
    return this.results(id);
  }

  private async waitFor(id: string): Promise<void> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 60_000);
    for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
      const out = await this.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const status = out.QueryExecution?.Status;
      if (status?.State === 'SUCCEEDED') return;
      if (status?.State === 'FAILED' || status?.State === 'CANCELLED') {
        throw new AppError('ANALYTICS.QUERY_FAILED', `Athena query ${status.State.toLowerCase()}: ${status.StateChangeReason ?? 'no reason given'}`, {
          status: 502,
          metadata: { queryExecutionId: id },
        });
      }
      if (Date.now() > deadline) {
        throw new AppError('ANALYTICS.TIMEOUT', 'Athena query did not finish in time', { status: 504, metadata: { queryExecutionId: id } });
      }
      await sleep(delay);
    }
  }

  private async results(id: string): Promise<Row[]> {
    const rows: Row[] = [];
    let columns: ColumnInfo[] | undefined;
    let token: string | undefined;
    let first = true;
    do {
      const out = await this.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
      columns ??= out.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const data = out.ResultSet?.Rows ?? [];
      // The first row of a SELECT's first page repeats the column names.
      for (const row of first ? data.slice(1) : data) {
        const record: Row = {};
        columns.forEach((column, i) => {
          const raw = row.Data?.[i]?.VarCharValue;
          record[column.Name!] = raw === undefined ? null : NUMERIC.has((column.Type ?? '').toLowerCase()) ? Number(raw) : raw;
        });
        rows.push(record);
      }
      first = false;
      token = out.NextToken;
    } while (token);
    return rows;
  }
}

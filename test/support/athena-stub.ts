/**
 * A local Athena that speaks its JSON 1.1 wire protocol and runs each query with DuckDB over the
 * sales objects it reads from S3 (s3rver). Queries go QUEUED → RUNNING → SUCCEEDED over
 * successive polls, and results come back as strings with a header row, paged, as Athena does.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Blobs } from '../../src/storage/blobs.port.js';

interface Execution {
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  polls: number;
  reason?: string;
  columns: Array<{ Name: string; Type: string }>;
  rows: Array<Array<string | null>>;
}

const ATHENA_TYPES: Record<string, string> = { VARCHAR: 'varchar', DOUBLE: 'double', BIGINT: 'bigint', INTEGER: 'integer', HUGEINT: 'decimal' };

export interface AthenaStub {
  endpoint: string;
  /** Every StartQueryExecution request body received. */
  requests: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startAthenaStub(lake: Blobs, table = '"bharatsense"."sales"', forecastsTable = '"bharatsense"."forecasts"'): Promise<AthenaStub> {
  const executions = new Map<string, Execution>();
  const requests: Array<Record<string, unknown>> = [];
  const root = await mkdtemp(join(tmpdir(), 'athena-stub-'));
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();

  async function execute(sql: string, params: string[]): Promise<Execution> {
    // Mirror the lake locally, as Athena would scan S3.
    const dir = join(root, randomUUID());
    const keys = await lake.list('sales/');
    const forecastKeys = (await lake.list('forecasts/')).filter((k) => k.endsWith('.parquet'));
    for (const key of [...keys, ...forecastKeys]) {
      const path = join(dir, ...key.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, (await lake.get(key))!);
    }
    let i = 0;
    const text = sql.replace(/\?/g, () => params[i++] ?? 'NULL');
    const source = keys.length
      ? `read_parquet('${dir}/sales/*/*/*/*.parquet', hive_partitioning = true, hive_types = {'store_id': VARCHAR, 'year': INTEGER, 'month': INTEGER})`
      : `(SELECT NULL::VARCHAR AS store_id, NULL::INTEGER AS year, NULL::INTEGER AS month, NULL::VARCHAR AS sale_date, NULL::VARCHAR AS sku, NULL::DOUBLE AS qty, NULL::DOUBLE AS price WHERE false)`;
    const forecasts = forecastKeys.length
      ? `read_parquet('${dir}/forecasts/*/*/rows/*.parquet', hive_partitioning = true, union_by_name = true, hive_types = {'store_id': VARCHAR, 'date': VARCHAR})`
      : `(SELECT NULL::VARCHAR AS store_id, NULL::VARCHAR AS date, NULL::VARCHAR AS sku, NULL::VARCHAR AS target_date, NULL::INTEGER AS step, NULL::DOUBLE AS quantity, NULL::DOUBLE AS lower80, NULL::DOUBLE AS upper80, NULL::DOUBLE AS lower95, NULL::DOUBLE AS upper95 WHERE false)`;
    try {
      const reader = await connection.runAndReadAll(text.replace(table, source).replace(forecastsTable, forecasts));
      const types = reader.columnTypes().map((t) => ATHENA_TYPES[String(t)] ?? 'varchar');
      return {
        state: 'QUEUED',
        polls: 0,
        columns: reader.columnNames().map((Name, c) => ({ Name, Type: types[c]! })),
        rows: reader.getRowsJS().map((row) => row.map((v) => (v === null ? null : String(v)))),
      };
    } catch (error) {
      return { state: 'QUEUED', polls: 0, reason: (error as Error).message, columns: [], rows: [] };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const handlers: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async StartQueryExecution(body) {
      requests.push(body);
      const id = randomUUID();
      executions.set(id, await execute(String(body.QueryString), (body.ExecutionParameters as string[]) ?? []));
      return { QueryExecutionId: id };
    },
    async GetQueryExecution(body) {
      const execution = executions.get(String(body.QueryExecutionId));
      if (!execution) throw Object.assign(new Error('QueryExecution not found'), { type: 'InvalidRequestException' });
      execution.polls++;
      const done = execution.reason ? 'FAILED' : 'SUCCEEDED';
      execution.state = execution.polls === 1 ? 'QUEUED' : execution.polls === 2 ? 'RUNNING' : done;
      return {
        QueryExecution: {
          QueryExecutionId: body.QueryExecutionId,
          Status: { State: execution.state, ...(execution.state === 'FAILED' ? { StateChangeReason: execution.reason } : {}) },
        },
      };
    },
    async GetQueryResults(body) {
      const execution = executions.get(String(body.QueryExecutionId));
      if (!execution || execution.state !== 'SUCCEEDED') {
        throw Object.assign(new Error('Query has not yet finished'), { type: 'InvalidRequestException' });
      }
      const header = execution.columns.map((c) => ({ VarCharValue: c.Name }));
      const all = [header, ...execution.rows.map((row) => row.map((v) => (v === null ? {} : { VarCharValue: v })))];
      const start = body.NextToken ? Number(body.NextToken) : 0;
      const size = Number(body.MaxResults ?? 1000);
      const page = all.slice(start, start + size);
      return {
        ResultSet: { Rows: page.map((Data) => ({ Data })), ResultSetMetadata: { ColumnInfo: execution.columns } },
        ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
      };
    },
    async GetWorkGroup(body: { WorkGroup?: string }) {
      return { WorkGroup: { Name: body.WorkGroup, State: 'ENABLED' } };
    },
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      const action = String(req.headers['x-amz-target'] ?? '').replace('AmazonAthena.', '');
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      try {
        const handler = handlers[action];
        if (!handler) throw Object.assign(new Error(`Unknown operation ${action}`), { type: 'UnknownOperationException' });
        res.end(JSON.stringify(await handler(raw ? JSON.parse(raw) : {})));
      } catch (error) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: (error as { type?: string }).type ?? 'InternalServerException', message: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      connection.closeSync();
      db.closeSync();
      await rm(root, { recursive: true, force: true });
    },
  };
}

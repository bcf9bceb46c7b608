/**
 * SQL over the lake with Athena: a Glue database with the two tables the app's SQL names
 * (`sales`, `forecasts`, src/storage/sales-sql.ts), over the Parquet the app writes, with
 * partition projection (no crawler, no MSCK REPAIR: a new store or month is queryable at once),
 * and a workgroup that enforces its result location, encryption and a scan limit.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage.js';
import { LAKE_PREFIXES } from './storage.js';

type Column = glue.CfnTable.ColumnProperty;

/** The table names the app's Athena adapter queries (`"<database>"."sales"`, `"<database>"."forecasts"`). */
export const ATHENA_TABLES = ['sales', 'forecasts'] as const;
const col = (name: string, type: string): Column => ({ name, type });

/** sales/store_id=S/year=YYYY/month=MM/sales.parquet, as src/storage/sales-lake.ts writes it. */
export const SALES_COLUMNS: Column[] = [col('sale_date', 'string'), col('sku', 'string'), col('qty', 'double'), col('price', 'double')];
export const SALES_PARTITIONS: Column[] = [col('store_id', 'string'), col('year', 'int'), col('month', 'int')];

/** forecasts/store_id=S/date=YYYY-MM-DD/rows/forecast.parquet, as src/storage/forecast-archive.ts writes it (the JSON beside `rows/` is not Parquet). */
export const FORECAST_COLUMNS: Column[] = [
  col('sku', 'string'),
  col('target_date', 'string'),
  col('step', 'int'),
  col('quantity', 'double'),
  col('lower80', 'double'),
  col('upper80', 'double'),
  col('lower95', 'double'),
  col('upper95', 'double'),
  col('model', 'string'),
];
export const FORECAST_PARTITIONS: Column[] = [col('store_id', 'string'), col('date', 'string')];

export interface AnalyticsProps {
  settings: StageSettings;
  lake: s3.IBucket;
  key: kms.IKey;
}

export class Analytics extends Construct {
  /** `ATHENA_DATABASE`. */
  readonly databaseName: string;
  /** `ATHENA_WORKGROUP`. */
  readonly workGroupName: string;
  /** `ATHENA_OUTPUT_LOCATION`. */
  readonly outputLocation: string;
  readonly workGroup: athena.CfnWorkGroup;
  readonly tables: glue.CfnTable[];

  constructor(scope: Construct, id: string, { settings, lake, key }: AnalyticsProps) {
    super(scope, id);
    // Glue names: lowercase, underscores.
    this.databaseName = `bharatsense_${settings.stage}`;
    this.workGroupName = `${settings.prefix}`;
    this.outputLocation = `s3://${lake.bucketName}/${LAKE_PREFIXES.athenaResults}`;
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: `BharatSense ${settings.stage}: sales lake and forecasts` },
    });
    const root = (prefix: string) => `s3://${lake.bucketName}/${prefix}`;
    // store_id is injected: every query of the app names its store (WHERE store_id = ?).
    const sales = this.parquetTable('Sales', database, ATHENA_TABLES[0], SALES_COLUMNS, SALES_PARTITIONS, root(LAKE_PREFIXES.sales), {
      'projection.store_id.type': 'injected',
      'projection.year.type': 'integer',
      'projection.year.range': '2000,2100',
      'projection.month.type': 'integer',
      'projection.month.range': '1,12',
      'projection.month.digits': '2',
      'storage.location.template': `${root(LAKE_PREFIXES.sales)}store_id=\${store_id}/year=\${year}/month=\${month}/`,
    });
    const forecasts = this.parquetTable('Forecasts', database, ATHENA_TABLES[1], FORECAST_COLUMNS, FORECAST_PARTITIONS, root(LAKE_PREFIXES.forecasts), {
      'projection.store_id.type': 'injected',
      'projection.date.type': 'date',
      'projection.date.format': 'yyyy-MM-dd',
      // Batches live 90 days (lifecycle); a little more covers the edge.
      'projection.date.range': 'NOW-120DAYS,NOW+1DAYS',
      'projection.date.interval': '1',
      'projection.date.interval.unit': 'DAYS',
      'storage.location.template': `${root(LAKE_PREFIXES.forecasts)}store_id=\${store_id}/date=\${date}/rows/`,
    });
    this.tables = [sales, forecasts];

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: `BharatSense ${settings.stage}: the app's analytics queries`,
      state: 'ENABLED',
      recursiveDeleteOption: !settings.production,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        // A store's whole history is megabytes; a runaway query stops at 1 GB.
        bytesScannedCutoffPerQuery: 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: this.outputLocation,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
        },
      },
    });
  }

  private parquetTable(
    id: string,
    database: glue.CfnDatabase,
    name: string,
    columns: Column[],
    partitionKeys: Column[],
    location: string,
    projection: Record<string, string>,
  ): glue.CfnTable {
    const table = new glue.CfnTable(this, id, {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: this.databaseName,
      tableInput: {
        name,
        tableType: 'EXTERNAL_TABLE',
        parameters: { classification: 'parquet', EXTERNAL: 'TRUE', 'projection.enabled': 'true', ...projection },
        partitionKeys,
        storageDescriptor: {
          columns,
          location,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', parameters: { 'serialization.format': '1' } },
        },
      },
    });
    table.node.addDependency(database);
    return table;
  }

  /** ARNs of the catalog, database and tables, for IAM. */
  glueArns(): string[] {
    const base = `arn:${Aws.PARTITION}:glue:${Stack.of(this).region}:${Aws.ACCOUNT_ID}`;
    return [`${base}:catalog`, `${base}:database/${this.databaseName}`, ...ATHENA_TABLES.map((name) => `${base}:table/${this.databaseName}/${name}`)];
  }
}

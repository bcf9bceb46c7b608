/**
 * The app's DynamoDB tables, generated from its own `TABLES` (src/storage/schema.ts): one source
 * of truth for keys, GSIs and TTL attributes. Names are `DYNAMODB_TABLE_PREFIX + name`, the way
 * the DynamoDB adapter builds them.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLES } from '../../../src/storage/schema.js';
import type { TableDef } from '../../../src/storage/tables.port.js';
import type { StageSettings } from '../stage.js';

export type TableKey = keyof typeof TABLES;

/** The table definitions the stack creates: exactly the app's (schema.ts is the one source of keys). */
export function tableDefinitions(): Record<TableKey, TableDef> {
  return TABLES as Record<TableKey, TableDef>;
}

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export interface DataProps {
  settings: StageSettings;
  key: kms.IKey;
}

export class Data extends Construct {
  /** `DYNAMODB_TABLE_PREFIX`. */
  readonly tablePrefix: string;
  readonly tables: Record<TableKey, dynamodb.Table>;

  constructor(scope: Construct, id: string, { settings, key }: DataProps) {
    super(scope, id);
    this.tablePrefix = `${settings.prefix}-`;
    const tables = {} as Record<TableKey, dynamodb.Table>;
    for (const [name, def] of Object.entries(tableDefinitions()) as Array<[TableKey, TableDef]>) {
      const table = new dynamodb.Table(this, def.name, {
        tableName: this.tablePrefix + def.name,
        partitionKey: string(def.partitionKey),
        ...(def.sortKey ? { sortKey: string(def.sortKey) } : {}),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: key,
        ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        deletionProtection: settings.production,
        removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      // The adapter reads whole items from its indexes: project everything, as it does locally.
      for (const [indexName, index] of Object.entries(def.indexes ?? {})) {
        table.addGlobalSecondaryIndex({
          indexName,
          partitionKey: string(index.partitionKey),
          ...(index.sortKey ? { sortKey: string(index.sortKey) } : {}),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      tables[name] = table;
    }
    this.tables = tables;
  }
}

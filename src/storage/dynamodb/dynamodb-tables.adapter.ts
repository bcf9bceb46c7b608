/**
 * Tables on DynamoDB through the document client. Table names get a prefix per deployment.
 * Expired items are filtered on read because DynamoDB deletes them lazily (hours later).
 */
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type DynamoDBClientConfig,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  conditionFailed,
  decodeCursor,
  encodeCursor,
  keyValue,
  pageSize,
  PREFIX_END,
  type Condition,
  type Item,
  type Page,
  type QueryOptions,
  type Table,
  type TableDef,
  type Tables,
} from '../tables.port.js';
import { TABLES } from '../schema.js';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export interface DynamoTablesOptions {
  prefix: string;
  client?: DynamoDBClientConfig;
}

export class DynamoTables implements Tables {
  private readonly raw: DynamoDBClient;
  private readonly doc: DynamoDBDocumentClient;
  private readonly tables = new Map<string, DynamoTable<Item>>();

  constructor(private readonly options: DynamoTablesOptions) {
    this.raw = new DynamoDBClient(options.client ?? {});
    this.doc = DynamoDBDocumentClient.from(this.raw, { marshallOptions: { removeUndefinedValues: true } });
  }

  table<T extends object>(def: TableDef): Table<T> {
    let table = this.tables.get(def.name);
    if (!table) this.tables.set(def.name, (table = new DynamoTable<Item>(this.doc, def, this.options.prefix + def.name)));
    return table as unknown as Table<T>;
  }

  async ensure(defs: TableDef[]): Promise<void> {
    for (const def of defs) {
      const name = this.options.prefix + def.name;
      const attributes = new Map<string, AttributeDefinition>();
      const attr = (n: string) => attributes.set(n, { AttributeName: n, AttributeType: 'S' });
      attr(def.partitionKey);
      if (def.sortKey) attr(def.sortKey);
      const indexes: GlobalSecondaryIndex[] = Object.entries(def.indexes ?? {}).map(([indexName, ix]) => {
        attr(ix.partitionKey);
        if (ix.sortKey) attr(ix.sortKey);
        return {
          IndexName: indexName,
          KeySchema: [
            { AttributeName: ix.partitionKey, KeyType: 'HASH' },
            ...(ix.sortKey ? [{ AttributeName: ix.sortKey, KeyType: 'RANGE' as const }] : []),
          ],
          Projection: { ProjectionType: 'ALL' },
        };
      });
      try {
        await this.raw.send(
          new CreateTableCommand({
            TableName: name,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [...attributes.values()],
            KeySchema: [
              { AttributeName: def.partitionKey, KeyType: 'HASH' },
              ...(def.sortKey ? [{ AttributeName: def.sortKey, KeyType: 'RANGE' as const }] : []),
            ],
            ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
          }),
        );
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilTableExists({ client: this.raw, maxWaitTime: 60, minDelay: 1 }, { TableName: name });
      if (def.ttlAttribute) await this.enableTtl(name, def.ttlAttribute);
    }
  }

  private async enableTtl(name: string, attribute: string): Promise<void> {
    try {
      await this.raw.send(
        new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }),
      );
    } catch (error) {
      // Local emulators (dynalite) lack UpdateTimeToLive; reads filter expired items anyway.
      const code = (error as { name?: string }).name ?? '';
      if (!/UnknownOperation|ValidationException|UnrecognizedClient/.test(code)) throw error;
    }
  }

  async ping(): Promise<void> {
    // One of our own tables (the first one used, else Stores): a ping that needs no permission
    // beyond the app's tables, where ListTables would need one on every table in the account.
    const name = this.tables.keys().next().value ?? TABLES.stores.name;
    await this.raw.send(new DescribeTableCommand({ TableName: this.options.prefix + name }));
  }

  async close(): Promise<void> {
    this.raw.destroy();
  }

  /** For tests: whether a table exists. */
  async exists(def: TableDef): Promise<boolean> {
    try {
      await this.raw.send(new DescribeTableCommand({ TableName: this.options.prefix + def.name }));
      return true;
    } catch {
      return false;
    }
  }
}

/** Builds a ConditionExpression; `names`/`values` collect placeholders shared with the rest of the call. */
function conditionExpression(
  def: TableDef,
  condition: Condition | undefined,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string | undefined {
  const pk = '#cpk';
  names[pk] = def.partitionKey;
  const live = def.ttlAttribute ? (names['#cttl'] = def.ttlAttribute, values[':cnow'] = nowSeconds(), true) : false;
  const exists = live ? `(attribute_exists(${pk}) AND (attribute_not_exists(#cttl) OR #cttl > :cnow))` : `attribute_exists(${pk})`;
  if (!condition) return undefined;
  if ('notExists' in condition) {
    return live ? `(attribute_not_exists(${pk}) OR #cttl <= :cnow)` : `attribute_not_exists(${pk})`;
  }
  if ('exists' in condition) return exists;
  const parts = [exists];
  Object.entries(condition.equals).forEach(([attr, value], i) => {
    names[`#ce${i}`] = attr;
    values[`:ce${i}`] = value;
    parts.push(`#ce${i} = :ce${i}`);
  });
  return parts.join(' AND ');
}

class DynamoTable<T extends object> implements Table<T> {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly def: TableDef,
    private readonly tableName: string,
  ) {}

  async get(key: Partial<T>): Promise<T | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }));
    const item = out.Item as T | undefined;
    return item && this.live(item as Item) ? item : undefined;
  }

  async put(item: T, options: { condition?: Condition } = {}): Promise<void> {
    this.key(item);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const expression = conditionExpression(this.def, options.condition, names, values);
    await this.guard(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(expression ? { ConditionExpression: expression, ExpressionAttributeNames: names } : {}),
          ...(expression && Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }

  async update(key: Partial<T>, changes: Partial<T>, options: { condition?: Condition } = {}): Promise<T> {
    const keyAttrs = new Set([this.def.partitionKey, this.def.sortKey].filter(Boolean));
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    Object.entries(changes).forEach(([attr, value], i) => {
      if (keyAttrs.has(attr)) return;
      names[`#u${i}`] = attr;
      if (value === undefined) {
        removes.push(`#u${i}`);
      } else {
        values[`:u${i}`] = value;
        sets.push(`#u${i} = :u${i}`);
      }
    });
    const condition = conditionExpression(this.def, options.condition ?? { exists: true }, names, values)!;
    const update = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim();
    if (!update) {
      const current = await this.get(key);
      if (!current) throw conditionFailed(this.def.name);
      return current;
    }
    const out = await this.guard(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out.Attributes as T;
  }

  async delete(key: Partial<T>, options: { condition?: Condition } = {}): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const expression = conditionExpression(this.def, options.condition, names, values);
    await this.guard(
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(key),
          ...(expression ? { ConditionExpression: expression, ExpressionAttributeNames: names } : {}),
          ...(expression && Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }

  async query(options: QueryOptions): Promise<Page<T>> {
    const keys = options.index ? this.def.indexes?.[options.index] : this.def;
    if (!keys) throw new Error(`${this.def.name} has no index ${options.index}`);
    const names: Record<string, string> = { '#pk': keys.partitionKey };
    const values: Record<string, unknown> = { ':pk': options.partition };
    const conditions = ['#pk = :pk'];
    const from = options.prefix ?? options.from;
    const to = options.prefix !== undefined ? options.prefix + PREFIX_END : options.to;
    if (keys.sortKey && from !== undefined && to !== undefined) {
      values[':from'] = from;
      values[':to'] = to;
      conditions.push('#sk BETWEEN :from AND :to');
    } else if (keys.sortKey && from !== undefined) {
      values[':from'] = from;
      conditions.push('#sk >= :from');
    } else if (keys.sortKey && to !== undefined) {
      values[':to'] = to;
      conditions.push('#sk <= :to');
    }
    if (conditions.length > 1) names['#sk'] = keys.sortKey!;
    const filter = this.ttlFilter(names, values);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: options.index,
        KeyConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(filter ? { FilterExpression: filter } : {}),
        ScanIndexForward: !options.descending,
        Limit: pageSize(options.limit),
        ExclusiveStartKey: options.cursor ? decodeCursor<Record<string, unknown>>(options.cursor, this.def.name) : undefined,
      }),
    );
    return this.page(out.Items, out.LastEvaluatedKey);
  }

  async scan(options: { limit?: number; cursor?: string } = {}): Promise<Page<T>> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const filter = this.ttlFilter(names, values);
    const out = await this.doc.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: pageSize(options.limit),
        ...(filter ? { FilterExpression: filter, ExpressionAttributeNames: names, ExpressionAttributeValues: values } : {}),
        ExclusiveStartKey: options.cursor ? decodeCursor<Record<string, unknown>>(options.cursor, this.def.name) : undefined,
      }),
    );
    return this.page(out.Items, out.LastEvaluatedKey);
  }

  private page(items: Record<string, unknown>[] | undefined, last: Record<string, unknown> | undefined): Page<T> {
    const list = (items ?? []) as T[];
    return last ? { items: list, cursor: encodeCursor(last) } : { items: list };
  }

  private ttlFilter(names: Record<string, string>, values: Record<string, unknown>): string | undefined {
    if (!this.def.ttlAttribute) return undefined;
    names['#ttl'] = this.def.ttlAttribute;
    values[':now'] = nowSeconds();
    return 'attribute_not_exists(#ttl) OR #ttl > :now';
  }

  private live(item: Item): boolean {
    const ttl = this.def.ttlAttribute ? item[this.def.ttlAttribute] : undefined;
    return typeof ttl !== 'number' || ttl > nowSeconds();
  }

  private key(item: Partial<T>): Record<string, string> {
    const key: Record<string, string> = { [this.def.partitionKey]: keyValue(this.def, item as Item, this.def.partitionKey) };
    if (this.def.sortKey) key[this.def.sortKey] = keyValue(this.def, item as Item, this.def.sortKey);
    return key;
  }

  private async guard<R>(request: Promise<R>): Promise<R> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw conditionFailed(this.def.name, error);
      }
      throw error;
    }
  }
}

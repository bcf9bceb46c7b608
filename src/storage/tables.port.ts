import { AppError } from '../domain/errors.js';

/**
 * Tables: the key-value-with-sort-key model of DynamoDB, which SQLite imitates exactly, so the
 * same code runs on a laptop and at scale. Keys are strings; items are JSON-shaped objects.
 */
export interface IndexDef {
  partitionKey: string;
  sortKey?: string;
}

export interface TableDef {
  /** Logical name; adapters may prefix it (`bharatsense-Stores`). */
  name: string;
  partitionKey: string;
  sortKey?: string;
  indexes?: Record<string, IndexDef>;
  /** Attribute holding an expiry in epoch seconds; expired items are invisible to every read. */
  ttlAttribute?: string;
}

export type Item = Record<string, unknown>;

/** A write that only happens if the stored item is as expected. */
export type Condition =
  | { notExists: true }
  | { exists: true }
  /** Every listed attribute currently has exactly this value (optimistic concurrency). */
  | { equals: Record<string, string | number | boolean> };

export interface QueryOptions {
  /** Query a secondary index instead of the table. */
  index?: string;
  /** Value of the partition key (of the index, when `index` is given). */
  partition: string;
  /** Sort key range, inclusive. */
  from?: string;
  to?: string;
  /** Sort key prefix; cannot be combined with from/to. */
  prefix?: string;
  descending?: boolean;
  /** Upper bound on items per page; a page may hold fewer even when more follow. */
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when another page may follow. */
  cursor?: string;
}

export interface Table<T extends object> {
  readonly def: TableDef;
  /** The item with this key, or undefined (also when it has expired). */
  get(key: Partial<T>): Promise<T | undefined>;
  /** Creates or replaces an item. Throws `TABLES.CONDITION_FAILED` when `condition` does not hold. */
  put(item: T, options?: { condition?: Condition }): Promise<void>;
  /** Shallow-merges `changes` into an existing item; throws `TABLES.CONDITION_FAILED` if it does not exist or `condition` fails. */
  update(key: Partial<T>, changes: Partial<T>, options?: { condition?: Condition }): Promise<T>;
  /** Deletes an item; deleting a missing item is not an error unless a condition says so. */
  delete(key: Partial<T>, options?: { condition?: Condition }): Promise<void>;
  /** Items of one partition in sort-key order, a page at a time. */
  query(options: QueryOptions): Promise<Page<T>>;
  /** Every item, a page at a time, in no particular order. For admin listings and migrations. */
  scan(options?: { limit?: number; cursor?: string }): Promise<Page<T>>;
}

export interface Tables {
  table<T extends object>(def: TableDef): Table<T>;
  /** Creates any missing tables (local and test use; production tables come from infrastructure code). */
  ensure(defs: TableDef[]): Promise<void>;
  /** Resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Reads every page of a query. Use only where the partition is known to be small. */
export async function queryAll<T extends object>(table: Table<T>, options: Omit<QueryOptions, 'cursor'>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await table.query({ ...options, cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/** Reads every page of a scan. */
export async function scanAll<T extends object>(table: Table<T>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await table.scan({ cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/** The error every adapter throws when a write's condition does not hold. */
export function conditionFailed(table: string, cause?: unknown): AppError {
  return new AppError('TABLES.CONDITION_FAILED', `Conditional write on ${table} did not apply`, {
    status: 409,
    metadata: { table },
    cause,
  });
}

/** The error every adapter throws for a key that lacks its key attributes. */
export function invalidKey(table: string, attribute: string): AppError {
  return new AppError('TABLES.INVALID_KEY', `${table}: key attribute ${attribute} must be a non-empty string`, {
    status: 400,
    metadata: { table, attribute },
    permanent: true,
  });
}

/** Reads a key attribute, insisting on a non-empty string. */
export function keyValue(def: TableDef, item: Item, attribute: string): string {
  const value = item[attribute];
  if (typeof value !== 'string' || value === '') throw invalidKey(def.name, attribute);
  return value;
}

/** The highest code point: `prefix + PREFIX_END` is above every string starting with `prefix`. */
export const PREFIX_END = '\u{10FFFF}';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, table: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch (cause) {
    throw new AppError('TABLES.INVALID_CURSOR', `Invalid page cursor for ${table}`, { status: 400, cause, permanent: true });
  }
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
}

/**
 * Tables on one SQLite file (better-sqlite3). Each logical table is a SQLite table keyed by
 * (pk, sk), the item stored as JSON, with one pair of columns per secondary index. Writes run
 * in IMMEDIATE transactions, atomic like DynamoDB's conditional writes; taking the write lock
 * up front makes a second process wait (busy_timeout) instead of failing with SQLITE_BUSY.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
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

type Row = { pk: string; sk: string; item: string; expires_at: number | null };

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const ixColumn = (index: string, part: 'pk' | 'sk'): string => quote(`ix_${index}_${part}`);

/**
 * Checkpoints the WAL from a worker thread. With `synchronous = NORMAL` a commit never waits for
 * the disk, but a checkpoint does (it syncs the WAL and the database file): run on the main
 * thread it would stall every request for the length of an fsync.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); process.exit(0); });
`;

export class SqliteTables implements Tables {
  private readonly db: Database.Database;
  private readonly tables = new Map<string, SqliteTable<Item>>();
  private readonly checkpointer?: Worker;

  /** `path` is a file, or `:memory:`. */
  constructor(path: string, options: { checkpointEveryMs?: number } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    if (path !== ':memory:') {
      // The main thread checkpoints only as a safety net, if the WAL outgrows ~40 MB.
      this.db.pragma('wal_autocheckpoint = 10000');
      const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
      this.checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { path, modulePath, everyMs: options.checkpointEveryMs ?? 1000 } });
      this.checkpointer.unref();
    }
  }

  table<T extends object>(def: TableDef): Table<T> {
    let table = this.tables.get(def.name);
    if (!table) this.tables.set(def.name, (table = new SqliteTable<Item>(this.db, def)));
    return table as unknown as Table<T>;
  }

  async ensure(defs: TableDef[]): Promise<void> {
    for (const def of defs) {
      const indexColumns = Object.keys(def.indexes ?? {}).flatMap((ix) => [`${ixColumn(ix, 'pk')} TEXT`, `${ixColumn(ix, 'sk')} TEXT`]);
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${quote(def.name)} (pk TEXT NOT NULL, sk TEXT NOT NULL, item TEXT NOT NULL, expires_at INTEGER,
         ${indexColumns.map((c) => `${c},`).join(' ')} PRIMARY KEY (pk, sk)) WITHOUT ROWID`,
      );
      this.addMissingIndexColumns(def);
      for (const ix of Object.keys(def.indexes ?? {})) {
        this.db.exec(
          `CREATE INDEX IF NOT EXISTS ${quote(`${def.name}__${ix}`)} ON ${quote(def.name)} (${ixColumn(ix, 'pk')}, ${ixColumn(ix, 'sk')}, pk, sk)`,
        );
      }
      // SQLite has no TTL sweeper; expired rows are invisible on read and cleared here.
      if (def.ttlAttribute) this.db.prepare(`DELETE FROM ${quote(def.name)} WHERE expires_at <= ?`).run(nowSeconds());
    }
  }

  /**
   * An index added (or re-pointed at another attribute) after the table was made: its columns
   * are added and filled from the stored items, as DynamoDB backfills a new GSI.
   */
  private addMissingIndexColumns(def: TableDef): void {
    const columns = new Set((this.db.prepare(`PRAGMA table_info(${quote(def.name)})`).all() as Array<{ name: string }>).map((c) => c.name));
    for (const [ix, index] of Object.entries(def.indexes ?? {})) {
      const pk = ixColumn(ix, 'pk');
      const sk = ixColumn(ix, 'sk');
      if (!columns.has(`ix_${ix}_pk`)) this.db.exec(`ALTER TABLE ${quote(def.name)} ADD COLUMN ${pk} TEXT; ALTER TABLE ${quote(def.name)} ADD COLUMN ${sk} TEXT`);
      // Attribute names come from schema.ts, never from input.
      const pkPath = `'$.${index.partitionKey}'`;
      const skPath = index.sortKey ? `'$.${index.sortKey}'` : undefined;
      // Only strings are indexed, as on write.
      const indexed = `json_type(item, ${pkPath}) = 'text'${skPath ? ` AND json_type(item, ${skPath}) = 'text'` : ''}`;
      const pkValue = `CASE WHEN ${indexed} THEN json_extract(item, ${pkPath}) END`;
      const skValue = `CASE WHEN ${indexed} THEN ${skPath ? `json_extract(item, ${skPath})` : "''"} END`;
      this.db.exec(`UPDATE ${quote(def.name)} SET ${pk} = ${pkValue}, ${sk} = ${skValue} WHERE ${pk} IS NOT ${pkValue}`);
    }
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.checkpointer) {
      const exited = new Promise((resolve) => this.checkpointer!.once('exit', resolve));
      // Unref'd so it never holds the process open, but closing must wait for it.
      this.checkpointer.ref();
      this.checkpointer.postMessage('close');
      await exited;
    }
    if (this.db.open) this.db.close();
  }
}

class SqliteTable<T extends object> implements Table<T> {
  private readonly name: string;
  private readonly indexes: string[];
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly def: TableDef,
  ) {
    this.name = quote(def.name);
    this.indexes = Object.keys(def.indexes ?? {});
  }

  async get(key: Partial<T>): Promise<T | undefined> {
    const row = this.readRow(key);
    return row ? (JSON.parse(row.item) as T) : undefined;
  }

  async put(item: T, options: { condition?: Condition } = {}): Promise<void> {
    this.db.transaction(() => {
      this.check(this.readRow(item), options.condition);
      this.write(item);
    }).immediate();
  }

  async update(key: Partial<T>, changes: Partial<T>, options: { condition?: Condition } = {}): Promise<T> {
    return this.db.transaction(() => {
      const row = this.readRow(key);
      if (!row) throw conditionFailed(this.def.name);
      this.check(row, options.condition);
      const next = { ...(JSON.parse(row.item) as T), ...changes, ...this.keyOf(key) } as T;
      this.write(next);
      return next;
    }).immediate();
  }

  async delete(key: Partial<T>, options: { condition?: Condition } = {}): Promise<void> {
    this.db.transaction(() => {
      if (options.condition) this.check(this.readRow(key), options.condition);
      const { pk, sk } = this.keys(key as Item);
      this.prepare(`DELETE FROM ${this.name} WHERE pk = ? AND sk = ?`).run(pk, sk);
    }).immediate();
  }

  async query(options: QueryOptions): Promise<Page<T>> {
    const limit = pageSize(options.limit);
    const byIndex = options.index !== undefined;
    if (byIndex && !this.def.indexes?.[options.index!]) throw new Error(`${this.def.name} has no index ${options.index}`);
    const pkCol = byIndex ? ixColumn(options.index!, 'pk') : 'pk';
    const skCol = byIndex ? ixColumn(options.index!, 'sk') : 'sk';
    const order = options.descending ? 'DESC' : 'ASC';
    const where = [`${pkCol} = ?`, '(expires_at IS NULL OR expires_at > ?)'];
    const params: unknown[] = [options.partition, nowSeconds()];
    if (options.prefix !== undefined) {
      where.push(`${skCol} >= ? AND ${skCol} < ?`);
      params.push(options.prefix, options.prefix + PREFIX_END);
    }
    if (options.from !== undefined) {
      where.push(`${skCol} >= ?`);
      params.push(options.from);
    }
    if (options.to !== undefined) {
      where.push(`${skCol} <= ?`);
      params.push(options.to);
    }
    if (options.cursor) {
      const c = decodeCursor<string[]>(options.cursor, this.def.name);
      const op = options.descending ? '<' : '>';
      // Index sort keys are not unique; the table key breaks ties so no item is skipped or repeated.
      where.push(byIndex ? `(COALESCE(${skCol}, ''), pk, sk) ${op} (?, ?, ?)` : `sk ${op} ?`);
      params.push(...(byIndex ? c : c.slice(0, 1)));
    }
    const orderBy = byIndex ? `COALESCE(${skCol}, '') ${order}, pk ${order}, sk ${order}` : `sk ${order}`;
    const select = byIndex ? `item, COALESCE(${skCol}, '') AS isk, pk, sk` : 'item, sk';
    const rows = this
      .prepare(`SELECT ${select} FROM ${this.name} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ?`)
      .all(...params, limit + 1) as Array<{ item: string; sk: string; pk?: string; isk?: string }>;
    return this.page(rows, limit, (last) => (byIndex ? [last.isk, last.pk, last.sk] : [last.sk]));
  }

  async scan(options: { limit?: number; cursor?: string } = {}): Promise<Page<T>> {
    const limit = pageSize(options.limit);
    const where = ['(expires_at IS NULL OR expires_at > ?)'];
    const params: unknown[] = [nowSeconds()];
    if (options.cursor) {
      where.push('(pk, sk) > (?, ?)');
      params.push(...decodeCursor<string[]>(options.cursor, this.def.name));
    }
    const rows = this
      .prepare(`SELECT item, pk, sk FROM ${this.name} WHERE ${where.join(' AND ')} ORDER BY pk, sk LIMIT ?`)
      .all(...params, limit + 1) as Array<{ item: string; pk: string; sk: string }>;
    return this.page(rows, limit, (last) => [last.pk, last.sk]);
  }

  /** Statements are compiled once per distinct SQL text. */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private page<R extends { item: string }>(rows: R[], limit: number, cursorOf: (last: R) => unknown[]): Page<T> {
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    const items = kept.map((r) => JSON.parse(r.item) as T);
    return more ? { items, cursor: encodeCursor(cursorOf(kept.at(-1)!)) } : { items };
  }

  private keys(item: Item): { pk: string; sk: string } {
    return {
      pk: keyValue(this.def, item, this.def.partitionKey),
      sk: this.def.sortKey ? keyValue(this.def, item, this.def.sortKey) : '',
    };
  }

  private keyOf(key: Partial<T>): Item {
    const k = key as Item;
    const out: Item = { [this.def.partitionKey]: k[this.def.partitionKey] };
    if (this.def.sortKey) out[this.def.sortKey] = k[this.def.sortKey];
    return out;
  }

  /** The live row for a key; an expired row counts as absent. */
  private readRow(key: Partial<T>): Row | undefined {
    const { pk, sk } = this.keys(key as Item);
    const row = this.prepare(`SELECT pk, sk, item, expires_at FROM ${this.name} WHERE pk = ? AND sk = ?`).get(pk, sk) as Row | undefined;
    if (row && row.expires_at !== null && row.expires_at <= nowSeconds()) return undefined;
    return row;
  }

  private check(row: Row | undefined, condition: Condition | undefined): void {
    if (!condition) return;
    if ('notExists' in condition) {
      if (row) throw conditionFailed(this.def.name);
      return;
    }
    if (!row) throw conditionFailed(this.def.name);
    if ('equals' in condition) {
      const current = JSON.parse(row.item) as Item;
      for (const [attr, value] of Object.entries(condition.equals)) {
        if (current[attr] !== value) throw conditionFailed(this.def.name);
      }
    }
  }

  private write(value: T): void {
    const item = value as Item;
    const { pk, sk } = this.keys(item);
    const ttl = this.def.ttlAttribute ? item[this.def.ttlAttribute] : undefined;
    const columns = ['pk', 'sk', 'item', 'expires_at'];
    const values: unknown[] = [pk, sk, JSON.stringify(item), typeof ttl === 'number' ? Math.floor(ttl) : null];
    for (const ix of this.indexes) {
      const def = this.def.indexes![ix]!;
      const ipk = item[def.partitionKey];
      const isk = def.sortKey ? item[def.sortKey] : '';
      // Like a DynamoDB GSI, an item without the index's string keys is not in the index.
      const inIndex = typeof ipk === 'string' && typeof isk === 'string';
      columns.push(ixColumn(ix, 'pk'), ixColumn(ix, 'sk'));
      values.push(inIndex ? ipk : null, inIndex ? isk : null);
    }
    this
      .prepare(`INSERT OR REPLACE INTO ${this.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...values);
  }
}

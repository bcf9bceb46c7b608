/**
 * Personal data at rest, transparently: a table wrapper that seals chosen fields (owner names,
 * phones, emails, channel addresses) on the way in and opens them on the way out, keeps keyed
 * blind indexes beside them for equality lookups, and can store a key attribute (a phone
 * address) as its blind index so the clear value never becomes a storage key. Callers read and
 * query with clear values as before.
 */
import { isSealed, type FieldCipher } from '../crypto/field-cipher.port.js';
import type { Condition, Page, QueryOptions, Table } from './tables.port.js';

/** Field encryption and the keyed blind index, as the app configured them. */
export interface Privacy {
  cipher: FieldCipher;
  /** Keyed blind index of a value (`bi:…`), separate per purpose. */
  index(value: string, purpose: string): string;
}

export interface SealSpec<T> {
  /** The record a value belongs to, binding its ciphertext there: `users/<userId>`. */
  context(key: Partial<T>): string;
  /** String fields kept sealed. */
  fields: Array<keyof T & string>;
  /** Blind-index attributes kept beside sealed fields: attribute → [field, purpose]. */
  indexes?: Record<string, [keyof T & string, string]>;
  /** Secondary indexes over a blind-index attribute: callers give the clear value, blinded here. */
  indexPartitions?: Record<string, string>;
  /** A key attribute stored as its blind index (the table's partition key). */
  blindKey?: { attribute: keyof T & string; purpose: string };
}

export function sealedTable<T extends object>(table: Table<T>, privacy: Privacy, spec: SealSpec<T>): Table<T> {
  const blindKey = <K extends Partial<T>>(key: K): K => {
    if (!spec.blindKey) return key;
    const value = (key as Record<string, unknown>)[spec.blindKey.attribute];
    if (typeof value !== 'string' || value.startsWith('bi:')) return key;
    return { ...key, [spec.blindKey.attribute]: privacy.index(value, spec.blindKey.purpose) };
  };

  /** Seals the fields present in `values` and refreshes the blind indexes they feed. */
  const seal = async (key: Partial<T>, values: Partial<T>): Promise<Partial<T>> => {
    const out: Record<string, unknown> = { ...values };
    const context = spec.context(key);
    for (const [attribute, [field, purpose]] of Object.entries(spec.indexes ?? {})) {
      if (!(field in values)) continue;
      const clear = (values as Record<string, unknown>)[field];
      out[attribute] = typeof clear === 'string' && !isSealed(clear) ? privacy.index(clear, purpose) : undefined;
    }
    for (const field of spec.fields) {
      const clear = out[field];
      if (typeof clear === 'string' && !isSealed(clear)) out[field] = await privacy.cipher.seal(clear, `${context}/${field}`);
    }
    return out as Partial<T>;
  };

  /** Opens sealed fields; values written before encryption was on are returned as they are. */
  const open = async (item: T): Promise<T> => {
    const out = { ...item } as Record<string, unknown>;
    const context = spec.context(item);
    await Promise.all(
      spec.fields.map(async (field) => {
        const value = out[field];
        if (isSealed(value)) out[field] = await privacy.cipher.open(value, `${context}/${field}`);
      }),
    );
    return out as T;
  };

  const openPage = async (page: Page<T>): Promise<Page<T>> => ({ ...page, items: await Promise.all(page.items.map(open)) });

  return {
    def: table.def,
    async get(key) {
      const item = await table.get(blindKey(key));
      return item && open(item);
    },
    async put(item, options?: { condition?: Condition }) {
      const keyed = blindKey(item);
      await table.put({ ...keyed, ...(await seal(keyed, keyed)) } as T, options);
    },
    async update(key, changes, options?: { condition?: Condition }) {
      const keyed = blindKey(key);
      return open(await table.update(keyed, await seal(keyed, changes), options));
    },
    delete: (key, options?: { condition?: Condition }) => table.delete(blindKey(key), options),
    async query(options: QueryOptions) {
      const purpose = options.index ? spec.indexPartitions?.[options.index] : spec.blindKey?.purpose;
      const partition = purpose && !options.partition.startsWith('bi:') ? privacy.index(options.partition, purpose) : options.partition;
      return openPage(await table.query({ ...options, partition }));
    },
    async scan(options) {
      return openPage(await table.scan(options));
    },
  };
}

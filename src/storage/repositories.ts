/** Typed handles on every table, made once at start-up and shared by the app. */
import type { LlmAuditEntry } from '../domain/llm.js';
import type { ChatEntry, Conversation, Message } from '../domain/message.js';
import type { Product } from '../domain/product.js';
import type { QueryRecord } from '../domain/query-record.js';
import type { Store } from '../domain/store.js';
import type { ApiKeyRecord, Identity, User } from '../domain/user.js';
import type { Lease } from './lock.js';
import { TABLES } from './schema.js';
import { sealedTable, type Privacy } from './sealed-table.js';
import type { Table, Tables } from './tables.port.js';

export interface OutboxEntry {
  to: string;
  messageId: string;
  channel: string;
  body: string;
  sentAt: string;
}

export interface Repositories {
  stores: Table<Store>;
  users: Table<User>;
  identities: Table<Identity>;
  apiKeys: Table<ApiKeyRecord>;
  products: Table<Product>;
  queryHistory: Table<QueryRecord>;
  audit: Table<LlmAuditEntry>;
  conversations: Table<Conversation>;
  messages: Table<Message>;
  outbox: Table<OutboxEntry>;
  chatEntries: Table<ChatEntry>;
  locks: Table<Lease>;
}

/**
 * The app's tables. Personal data is sealed at rest: people's names, phones and emails; the
 * addresses conversations are with; and channel addresses used as keys are stored as keyed
 * blind indexes (identities, the local outbox).
 */
export function createRepositories(tables: Tables, privacy: Privacy): Repositories {
  return {
    stores: tables.table<Store>(TABLES.stores),
    users: sealedTable(tables.table<User>(TABLES.users), privacy, {
      context: (u) => `users/${u.userId}`,
      fields: ['name', 'phone', 'email'],
      indexes: { emailIndex: ['email', 'user-email'], phoneIndex: ['phone', 'user-phone'] },
      indexPartitions: { byEmail: 'user-email' },
    }),
    identities: sealedTable(tables.table<Identity>(TABLES.identities), privacy, { context: () => 'identities', fields: [], blindKey: { attribute: 'address', purpose: 'identity-address' } }),
    apiKeys: tables.table<ApiKeyRecord>(TABLES.apiKeys),
    products: tables.table<Product>(TABLES.products),
    queryHistory: tables.table<QueryRecord>(TABLES.queryHistory),
    audit: tables.table<LlmAuditEntry>(TABLES.auditLog),
    conversations: sealedTable(tables.table<Conversation>(TABLES.conversations), privacy, { context: (c) => `conversations/${c.conversationId}`, fields: ['address'] }),
    messages: tables.table<Message>(TABLES.messages),
    outbox: sealedTable(tables.table<OutboxEntry>(TABLES.outbox), privacy, { context: () => 'outbox', fields: [], blindKey: { attribute: 'to', purpose: 'outbox-to' } }),
    chatEntries: tables.table<ChatEntry>(TABLES.chatEntries),
    locks: tables.table<Lease>(TABLES.locks),
  };
}

/** Typed handles on every table, made once at start-up and shared by the app. */
import type { LlmAuditEntry } from '../domain/llm.js';
import type { ChatEntry, Conversation, Message } from '../domain/message.js';
import type { Product } from '../domain/product.js';
import type { QueryRecord } from '../domain/query-record.js';
import type { Store } from '../domain/store.js';
import type { ApiKeyRecord, Identity, User } from '../domain/user.js';
import type { Lease } from './lock.js';
import { TABLES } from './schema.js';
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

export function createRepositories(tables: Tables): Repositories {
  return {
    stores: tables.table<Store>(TABLES.stores),
    users: tables.table<User>(TABLES.users),
    identities: tables.table<Identity>(TABLES.identities),
    apiKeys: tables.table<ApiKeyRecord>(TABLES.apiKeys),
    products: tables.table<Product>(TABLES.products),
    queryHistory: tables.table<QueryRecord>(TABLES.queryHistory),
    audit: tables.table<LlmAuditEntry>(TABLES.auditLog),
    conversations: tables.table<Conversation>(TABLES.conversations),
    messages: tables.table<Message>(TABLES.messages),
    outbox: tables.table<OutboxEntry>(TABLES.outbox),
    chatEntries: tables.table<ChatEntry>(TABLES.chatEntries),
    locks: tables.table<Lease>(TABLES.locks),
  };
}

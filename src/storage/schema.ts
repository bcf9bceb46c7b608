/**
 * The app's tables and their keys (DESIGN §2), shared by every adapter and by the CDK stack.
 * Sort keys are strings that sort in the order they are read (ISO timestamps, time-ordered ids).
 */
import type { TableDef } from './tables.port.js';

export const TABLES = {
  /** Stores by place (the design's location GSI): the stores of a state, or of one city in it. */
  stores: { name: 'Stores', partitionKey: 'storeId', indexes: { byLocation: { partitionKey: 'state', sortKey: 'city' } } },
  users: {
    name: 'Users',
    partitionKey: 'userId',
    /** Emails and phones are sealed; `emailIndex` is the keyed blind index logins look up. */
    indexes: { byStore: { partitionKey: 'storeId', sortKey: 'userId' }, byEmail: { partitionKey: 'emailIndex' } },
  },
  /** Channel addresses (`whatsapp:+91…`, `sms:+91…`), as keyed blind indexes, mapped to the user behind them. */
  identities: { name: 'Identities', partitionKey: 'address' },
  /** API keys by the SHA-256 of the key; the key itself is shown once and never stored. */
  apiKeys: { name: 'ApiKeys', partitionKey: 'keyHash', indexes: { byStore: { partitionKey: 'storeId', sortKey: 'createdAt' } } },
  products: { name: 'Products', partitionKey: 'storeId', sortKey: 'sku' },
  queryHistory: { name: 'QueryHistory', partitionKey: 'storeId', sortKey: 'timestamp', ttlAttribute: 'expiresAt' },
  conversations: {
    name: 'Conversations',
    partitionKey: 'conversationId',
    indexes: { byUser: { partitionKey: 'userId', sortKey: 'createdAt' }, byStore: { partitionKey: 'storeId', sortKey: 'createdAt' } },
  },
  /**
   * Keyed by message id, so storing a Twilio MessageSid twice fails the conditional put. The
   * pending indexes are sparse: a message is in them only while it waits for a turn or a send.
   */
  messages: {
    name: 'Messages',
    partitionKey: 'messageId',
    indexes: {
      byConversation: { partitionKey: 'conversationId', sortKey: 'seq' },
      byStore: { partitionKey: 'storeId', sortKey: 'seq' },
      byProviderSid: { partitionKey: 'providerSid' },
      pendingByConversation: { partitionKey: 'pendingConversation', sortKey: 'pendingSeq' },
      pending: { partitionKey: 'pendingKind', sortKey: 'pendingSeq' },
    },
  },
  /** Every language-model call (model, prompt hash, tokens, latency, outcome; never the prompt). */
  auditLog: { name: 'AuditLog', partitionKey: 'storeId', sortKey: 'timestamp', ttlAttribute: 'expiresAt' },
  /** Sales and stock changes made by chat, newest last, for undo. */
  chatEntries: { name: 'ChatEntries', partitionKey: 'conversationId', sortKey: 'entryId' },
  /** What the local outbox "sent", by recipient: the demo's stand-in for a phone. */
  outbox: { name: 'Outbox', partitionKey: 'to', sortKey: 'messageId' },
  /** Leases for work that must not run twice at once (see lock.ts). */
  locks: { name: 'Locks', partitionKey: 'name', ttlAttribute: 'expiresAt' },
} as const satisfies Record<string, TableDef>;

export const ALL_TABLES: TableDef[] = Object.values(TABLES);

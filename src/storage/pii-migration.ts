/**
 * Data written before personal data was sealed (a data directory from an earlier version):
 * sealed in place at start-up, so an upgrade needs no manual step. Safe to run every start:
 * it only touches items that still hold a clear value.
 */
import { isSealed } from '../crypto/field-cipher.port.js';
import type { Conversation } from '../domain/message.js';
import type { Identity, User } from '../domain/user.js';
import type { OutboxEntry, Repositories } from './repositories.js';
import { TABLES } from './schema.js';
import { scanAll, type Tables } from './tables.port.js';

const clear = (value: unknown) => typeof value === 'string' && !isSealed(value);
const unblinded = (value: unknown) => typeof value === 'string' && !value.startsWith('bi:');

/** Seals what is still in clear; returns how many items it rewrote. */
export async function sealPlaintextPii(tables: Tables, repos: Repositories): Promise<number> {
  let rewritten = 0;
  for (const user of await scanAll(tables.table<User>(TABLES.users))) {
    if (!clear(user.name) && !clear(user.phone) && !clear(user.email)) continue;
    await repos.users.put(user);
    rewritten++;
  }
  for (const conversation of await scanAll(tables.table<Conversation>(TABLES.conversations))) {
    if (!clear(conversation.address)) continue;
    await repos.conversations.put(conversation);
    rewritten++;
  }
  // Keyed by the clear address: written again under its blind index, the clear key removed.
  const identities = tables.table<Identity>(TABLES.identities);
  for (const identity of await scanAll(identities)) {
    if (!unblinded(identity.address)) continue;
    await repos.identities.put(identity);
    await identities.delete({ address: identity.address });
    rewritten++;
  }
  const outbox = tables.table<OutboxEntry>(TABLES.outbox);
  for (const entry of await scanAll(outbox)) {
    if (!unblinded(entry.to)) continue;
    await repos.outbox.put(entry);
    await outbox.delete({ to: entry.to, messageId: entry.messageId });
    rewritten++;
  }
  return rewritten;
}

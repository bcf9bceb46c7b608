/** The message lookups the pipeline needs, over the Messages table's indexes. */
import { setTimeout as sleep } from 'node:timers/promises';
import { seqFloor } from '../domain/ids.js';
import type { Message, PendingKind } from '../domain/message.js';
import type { Repositories } from './repositories.js';

/**
 * The oldest message of a conversation still waiting for this kind of work. Secondary indexes
 * are eventually consistent on DynamoDB, so each candidate is confirmed by a consistent read
 * of the message itself: a message just handled is never handled twice.
 */
export async function firstPending(repos: Repositories, conversationId: string, kind: PendingKind): Promise<Message | undefined> {
  const partition = `${conversationId}#${kind}`;
  for (let round = 0; round < 20; round++) {
    const page = await repos.messages.query({ index: 'pendingByConversation', partition, limit: 10 });
    if (page.items.length === 0) return undefined;
    for (const candidate of page.items) {
      const current = await repos.messages.get({ messageId: candidate.messageId });
      if (current?.pendingConversation === partition) return current;
    }
    // Only stale index entries: give the index a moment to catch up.
    await sleep(50);
  }
  return undefined;
}

/** Conversations with work of this kind that has waited since before `olderThan` (ms epoch). */
export async function conversationsWithStalePending(repos: Repositories, kind: PendingKind, olderThan: number, max = 1000): Promise<string[]> {
  const conversations = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await repos.messages.query({ index: 'pending', partition: kind, to: seqFloor(olderThan), limit: 200, cursor });
    for (const message of page.items) conversations.add(message.conversationId);
    cursor = page.cursor;
  } while (cursor && conversations.size < max);
  return [...conversations];
}

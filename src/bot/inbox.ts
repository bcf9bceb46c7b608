/**
 * Where every owner message enters, whatever the channel: store it once (its id is the
 * dedup key), make sure its conversation exists, and queue a turn to answer it. Nothing is
 * understood or answered here, so webhooks can acknowledge at once.
 */
import { createHash } from 'node:crypto';
import { hasCode } from '../domain/errors.js';
import { QUEUES, type TurnJob, type TurnResult } from '../domain/jobs.js';
import type { Language } from '../domain/language.js';
import type { Channel, Conversation, Message } from '../domain/message.js';
import type { EnqueuedJob, QueueBackend } from '../queue/queue.port.js';
import type { Repositories } from '../storage/repositories.js';

export interface InboundMessage {
  /** Unique per message: `tw_<MessageSid>` for Twilio, a generated or idempotency-key id for web. */
  messageId: string;
  channel: Channel;
  /** `whatsapp:+91…`, `sms:+91…` or `web:<userId>`. */
  address: string;
  text: string;
  /** Known for web chat (from the API key); looked up from the address otherwise. */
  userId?: string;
  providerSid?: string;
  receivedAt: Date;
}

export interface Received {
  messageId: string;
  /** True when this message id was already stored (a retried webhook, a repeated request). */
  duplicate: boolean;
  turn: EnqueuedJob<TurnResult>;
}

/** A stable id per address that does not spell the phone number out. */
export function conversationIdFor(address: string): string {
  return `conv_${createHash('sha256').update(address).digest('base64url').slice(0, 22)}`;
}

export class Inbox {
  constructor(
    private readonly repos: Repositories,
    private readonly queues: QueueBackend,
  ) {}

  async receive(inbound: InboundMessage): Promise<Received> {
    const conversation = await this.conversationFor(inbound);
    const now = inbound.receivedAt.toISOString();
    const message: Message = {
      messageId: inbound.messageId,
      conversationId: conversation.conversationId,
      direction: 'in',
      channel: inbound.channel,
      text: inbound.text,
      status: 'received',
      ...(inbound.providerSid ? { providerSid: inbound.providerSid } : {}),
      createdAt: now,
      updatedAt: now,
    };
    let duplicate = false;
    try {
      await this.repos.messages.put(message, { condition: { notExists: true } });
      await this.repos.conversations.update({ conversationId: conversation.conversationId }, { lastInboundAt: now });
    } catch (error) {
      if (!hasCode(error, 'TABLES.CONDITION_FAILED')) throw error;
      duplicate = true;
    }
    // Enqueued even for a duplicate: if the first delivery crashed between storing and
    // enqueueing, this is what gets it answered. The job id keeps it to one turn.
    const turn = await this.queues.queue<TurnJob, TurnResult>(QUEUES.turns).add('turn', { messageId: inbound.messageId }, { jobId: inbound.messageId });
    return { messageId: inbound.messageId, duplicate, turn };
  }

  private async conversationFor(inbound: InboundMessage): Promise<Conversation> {
    const conversationId = conversationIdFor(inbound.address);
    const existing = await this.repos.conversations.get({ conversationId });
    if (existing?.userId) return existing;
    const userId = inbound.userId ?? (await this.repos.identities.get({ address: inbound.address }))?.userId;
    const user = userId ? await this.repos.users.get({ userId }) : undefined;
    if (existing) {
      // A number that wrote before it was registered: attach its conversation to the owner now.
      if (!user) return existing;
      return this.repos.conversations.update({ conversationId }, { userId: user.userId, storeId: user.storeId, language: user.language });
    }
    const conversation: Conversation = {
      conversationId,
      userId: user?.userId ?? '',
      ...(user?.storeId ? { storeId: user.storeId } : {}),
      channel: inbound.channel,
      address: inbound.address,
      language: (user?.language ?? 'en') as Language,
      createdAt: inbound.receivedAt.toISOString(),
    };
    try {
      await this.repos.conversations.put(conversation, { condition: { notExists: true } });
      return conversation;
    } catch (error) {
      if (!hasCode(error, 'TABLES.CONDITION_FAILED')) throw error;
      // Two first messages raced; the other one created it.
      return (await this.repos.conversations.get({ conversationId }))!;
    }
  }
}

/**
 * Where every owner message enters, whatever the channel: store it once (its id is the dedup
 * key), make sure its conversation exists, mark it waiting for a turn, and queue a turn. Nothing
 * is understood or answered here, so webhooks can acknowledge at once.
 */
import { hasCode } from '../domain/errors.js';
import { newSeq } from '../domain/ids.js';
import { QUEUES, type TurnJob } from '../domain/jobs.js';
import type { Language } from '../domain/language.js';
import { pending, type Channel, type Conversation, type MediaItem, type Message } from '../domain/message.js';
import type { User } from '../domain/user.js';
import type { QueueBackend } from '../queue/queue.port.js';
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
  /** WhatsApp's stable id for the sender; may not be a phone number. */
  waId?: string;
  media?: MediaItem[];
  providerSid?: string;
  receivedAt: Date;
}

export interface Received {
  messageId: string;
  /** True when this message id was already stored (a retried webhook, a repeated request). */
  duplicate: boolean;
  /** False when the queue could not take the turn (only with `acceptWithoutQueue`). */
  queued: boolean;
}

export class Inbox {
  constructor(
    private readonly repos: Repositories,
    private readonly queues: QueueBackend,
    /** A stable id per address that does not spell the phone number out (a keyed hash). */
    private readonly conversationIdFor: (address: string) => string,
  ) {}

  /**
   * Stores and queues one message. When the queue is down it throws (the caller answers 5xx
   * and Twilio retries) unless `acceptWithoutQueue`: then the stored message waits for the
   * sweeper, as Twilio's fallback URL wants.
   */
  async receive(inbound: InboundMessage, options: { acceptWithoutQueue?: boolean } = {}): Promise<Received> {
    const conversation = await this.conversationFor(inbound);
    const now = inbound.receivedAt.toISOString();
    const seq = newSeq(inbound.receivedAt.getTime());
    const message: Message = {
      messageId: inbound.messageId,
      conversationId: conversation.conversationId,
      ...(conversation.storeId ? { storeId: conversation.storeId } : {}),
      direction: 'in',
      channel: inbound.channel,
      text: inbound.text,
      status: 'received',
      seq,
      ...pending(conversation.conversationId, 'turn', seq),
      ...(inbound.media?.length ? { media: inbound.media } : {}),
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
    // Queued even for a duplicate: if the first delivery stored it but could not queue it,
    // this gets it answered. The job id keeps it to one job.
    try {
      await this.queues.queue<TurnJob>(QUEUES.turns).add('turn', { conversationId: conversation.conversationId }, { jobId: inbound.messageId });
      return { messageId: inbound.messageId, duplicate, queued: true };
    } catch (error) {
      if (!options.acceptWithoutQueue) throw error;
      return { messageId: inbound.messageId, duplicate, queued: false };
    }
  }

  private async conversationFor(inbound: InboundMessage): Promise<Conversation> {
    const conversationId = this.conversationIdFor(inbound.address);
    const existing = await this.repos.conversations.get({ conversationId });
    if (existing?.userId) return existing;
    const user = await this.userFor(inbound);
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

  /** The user behind a message: by API key for web; for WhatsApp by WaId first, then by number. */
  private async userFor(inbound: InboundMessage): Promise<User | undefined> {
    let userId = inbound.userId;
    if (!userId && inbound.waId) userId = (await this.repos.identities.get({ address: `waid:${inbound.waId}` }))?.userId;
    if (!userId) {
      const identity = await this.repos.identities.get({ address: inbound.address });
      userId = identity?.userId;
      // Remember the WaId, so the owner is still known if WhatsApp stops sending the number.
      if (identity && inbound.waId) {
        await this.repos.identities.put({ address: `waid:${inbound.waId}`, userId: identity.userId, storeId: identity.storeId, createdAt: new Date().toISOString() });
      }
    }
    return userId ? this.repos.users.get({ userId }) : undefined;
  }
}

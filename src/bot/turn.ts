/**
 * Turns: answering a conversation's waiting messages, one at a time and in arrival order
 * (storage/serial.ts). Answering is safe to repeat: a message whose reply is stored gets that
 * reply re-queued under the same id, never a second one.
 */
import { AppError } from '../domain/errors.js';
import { newSeq } from '../domain/ids.js';
import { QUEUES, SEND_ATTEMPTS, type SendJob } from '../domain/jobs.js';
import { notPending, pending, type Conversation, type Message } from '../domain/message.js';
import { AUDIT_DAYS } from '../domain/llm.js';
import { QUERY_HISTORY_DAYS } from '../domain/query-record.js';
import type { Metrics } from '../observability/metrics.js';
import type { QueueBackend } from '../queue/queue.port.js';
import { firstPending } from '../storage/message-queries.js';
import { drainInOrder } from '../storage/serial.js';
import { formatForChannel } from './channel-format.js';
import { compose, type ComposeDeps, type Composed } from './compose.js';
import { translator } from './i18n.js';

export interface TurnDeps extends ComposeDeps {
  queues: QueueBackend;
  leaseSeconds: number;
  floodMaxPerMinute: number;
  /** Pipeline timings and model calls, for /metrics. */
  metrics?: Pick<Metrics, 'stage' | 'llm'>;
  /** Called when a message is answered or dropped (wakes a web chat waiting in this process). */
  notify?: (messageId: string) => void;
  now?: () => Date;
}

/** Reply ids derive from the message they answer: a re-run overwrites instead of adding. */
export const replyIdFor = (messageId: string): string => `${messageId}_reply`;
/** A long reply goes out in parts: `<id>_reply`, `<id>_reply_2`, … */
export const replyPartIdFor = (messageId: string, index: number): string => (index === 1 ? replyIdFor(messageId) : `${replyIdFor(messageId)}_${index}`);

const MINUTE_MS = 60_000;

export async function drainTurns(deps: TurnDeps, conversationId: string): Promise<void> {
  await drainInOrder({
    locks: deps.repos.locks,
    lockName: `turn:${conversationId}`,
    leaseSeconds: deps.leaseSeconds,
    next: () => firstPending(deps.repos, conversationId, 'turn'),
    work: (message) => answer(deps, message),
  });
}

export async function answer(deps: TurnDeps, inbound: Message): Promise<void> {
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const { repos } = deps;
  const settle = async (changes: Partial<Message>) => {
    await repos.messages.update({ messageId: inbound.messageId }, { ...changes, ...notPending, updatedAt: new Date().toISOString() });
    deps.notify?.(inbound.messageId);
  };

  const previous = await repos.messages.get({ messageId: replyIdFor(inbound.messageId) });
  if (previous) {
    await settle({ status: 'answered' });
    if (previous.channel !== 'web') await queueSend(deps, previous);
    return;
  }
  const conversation = await repos.conversations.get({ conversationId: inbound.conversationId });
  if (!conversation) throw new AppError('TURN.UNKNOWN_CONVERSATION', `No conversation for ${inbound.messageId}`, { status: 404, permanent: true });

  deps.metrics?.stage('queue_wait', conversation.channel, started - Date.parse(inbound.createdAt));
  let composed: Composed;
  if (conversation.channel !== 'web' && (await floodCount(deps, conversation, now)) > deps.floodMaxPerMinute) {
    // Flood: one polite warning a minute, the rest stored but not answered.
    const warned = conversation.floodWarnedAt && now.getTime() - Date.parse(conversation.floodWarnedAt) < MINUTE_MS;
    if (warned) return settle({ status: 'dropped' });
    await repos.conversations.update({ conversationId: conversation.conversationId }, { floodWarnedAt: now.toISOString() });
    composed = { intent: 'unknown', text: (await translator(conversation.language))('flood') };
  } else {
    composed = await compose(deps, inbound, conversation, now);
  }

  const parts = composed.text === undefined ? [] : formatForChannel(composed.text, conversation.channel);
  const at = new Date().toISOString();
  const replies: Message[] = parts.map((text, i) => {
    const seq = newSeq();
    return {
      messageId: replyPartIdFor(inbound.messageId, i + 1),
      conversationId: conversation.conversationId,
      ...(conversation.storeId ? { storeId: conversation.storeId } : {}),
      direction: 'out',
      channel: conversation.channel,
      text,
      // Web replies travel back in the HTTP response; the others wait for the sender.
      status: conversation.channel === 'web' ? 'delivered' : 'queued',
      seq,
      ...(conversation.channel === 'web' ? {} : pending(conversation.conversationId, 'send', seq)),
      inReplyTo: inbound.messageId,
      ...(parts.length > 1 ? { part: { index: i + 1, of: parts.length } } : {}),
      ...(composed.evenIfOptedOut ? { evenIfOptedOut: true } : {}),
      intent: composed.intent,
      language: conversation.language,
      ...(composed.via && composed.via !== 'template' ? { via: composed.via } : {}),
      createdAt: at,
      updatedAt: at,
    };
  });
  // The first part marks the message answered, so it is written last: a crash in between
  // leaves no marker and the re-run writes every part again.
  for (const reply of [...replies].reverse()) await repos.messages.put(reply);
  await settle({ status: 'answered', intent: composed.intent, language: conversation.language });

  if (conversation.storeId) {
    const storeId = conversation.storeId;
    const calls = composed.llmCalls ?? [];
    for (const [i, call] of calls.entries()) {
      deps.metrics?.llm(call);
      await repos.audit.put({
        ...call,
        storeId,
        timestamp: `${at}#${inbound.messageId}#${i}`,
        messageId: inbound.messageId,
        intent: composed.intent,
        language: conversation.language,
        sent: call.model === composed.via,
        expiresAt: Math.floor(Date.now() / 1000) + AUDIT_DAYS * 86_400,
      });
    }
    await repos.queryHistory.put({
      storeId: conversation.storeId,
      timestamp: `${at}#${inbound.messageId}`,
      messageId: inbound.messageId,
      channel: conversation.channel,
      query: inbound.text,
      intent: composed.intent,
      language: conversation.language,
      reply: parts.join('\n'),
      via: composed.via ?? 'template',
      latencyMs: Date.now() - started,
      expiresAt: Math.floor(Date.now() / 1000) + QUERY_HISTORY_DAYS * 86_400,
    });
  }
  deps.metrics?.stage('turn', conversation.channel, Date.now() - started);
  deps.metrics?.stage('reply', conversation.channel, Date.now() - Date.parse(inbound.createdAt));
  if (replies[0] && conversation.channel !== 'web') await queueSend(deps, replies[0]);
}

/**
 * Counts this message into the sender's one-minute window. Turns of one conversation run one
 * at a time, so the read-and-write needs no further care.
 */
async function floodCount(deps: TurnDeps, conversation: Conversation, now: Date): Promise<number> {
  const fresh = !conversation.floodWindowStart || now.getTime() - Date.parse(conversation.floodWindowStart) >= MINUTE_MS;
  const count = fresh ? 1 : (conversation.floodCount ?? 0) + 1;
  await deps.repos.conversations.update(
    { conversationId: conversation.conversationId },
    { floodCount: count, ...(fresh ? { floodWindowStart: now.toISOString() } : {}) },
  );
  return count;
}

async function queueSend(deps: TurnDeps, reply: Message): Promise<void> {
  await deps.queues.queue<SendJob>(QUEUES.sends).add('send', { conversationId: reply.conversationId }, { jobId: reply.messageId, attempts: SEND_ATTEMPTS });
}

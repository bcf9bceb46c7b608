/**
 * One turn: answer one stored owner message. Safe to run twice: a message that already has a
 * reply gets that reply back (and its send re-queued under the same id), never a second one.
 */
import { AppError } from '../domain/errors.js';
import { todayIn } from '../domain/dates.js';
import { QUEUES, SEND_ATTEMPTS, type SendJob, type TurnResult } from '../domain/jobs.js';
import type { Message } from '../domain/message.js';
import { QUERY_HISTORY_DAYS } from '../domain/query-record.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll } from '../storage/tables.port.js';
import type { TurnContext } from './context.js';
import { translator } from './i18n.js';
import type { Intent } from './intents.js';
import { handlerFor } from './router.js';
import { understand } from './understand.js';

export interface TurnDeps {
  repos: Repositories;
  analytics: SalesAnalytics;
  queues: QueueBackend;
  /** Where unexpected failures are reported; the owner still gets an apology. */
  onError?: (error: unknown, context: { messageId: string }) => void;
  now?: () => Date;
}

/** The reply to an inbound message has a derived id, so a re-run overwrites instead of adding. */
export const replyIdFor = (messageId: string): string => `${messageId}_reply`;

export async function runTurn(deps: TurnDeps, messageId: string): Promise<TurnResult> {
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const inbound = await deps.repos.messages.get({ messageId });
  if (!inbound) throw new AppError('TURN.UNKNOWN_MESSAGE', `No stored message ${messageId}`, { status: 404, permanent: true });
  const conversation = await deps.repos.conversations.get({ conversationId: inbound.conversationId });
  if (!conversation) throw new AppError('TURN.UNKNOWN_CONVERSATION', `No conversation for ${messageId}`, { status: 404, permanent: true });

  const previous = await deps.repos.messages.get({ messageId: replyIdFor(messageId) });
  if (previous) return finish(deps, previous, inbound, conversation.channel);

  const language = conversation.language;
  const t = await translator(language);
  let intent: Intent;
  let text: string;
  const user = conversation.userId ? await deps.repos.users.get({ userId: conversation.userId }) : undefined;
  const store = user?.storeId ? await deps.repos.stores.get({ storeId: user.storeId }) : undefined;
  if (!user || !store) {
    intent = 'onboarding';
    text = t('unregistered');
  } else {
    const products = await queryAll(deps.repos.products, { partition: store.storeId });
    const understanding = understand(inbound.text, products);
    intent = understanding.intent;
    const ctx: TurnContext = {
      store, user, products, understanding, language, t,
      text: inbound.text,
      today: todayIn(store.timezone, now),
      analytics: deps.analytics,
    };
    try {
      text = await handlerFor(intent)(ctx);
    } catch (error) {
      // The bot's one catch: whatever broke, the owner hears back in their language.
      deps.onError?.(error, { messageId });
      text = t('failure');
    }
  }

  const at = new Date().toISOString();
  const reply: Message = {
    messageId: replyIdFor(messageId),
    conversationId: conversation.conversationId,
    direction: 'out',
    channel: conversation.channel,
    text,
    // Web replies travel back in the HTTP response; the others wait for the sender.
    status: conversation.channel === 'web' ? 'delivered' : 'queued',
    inReplyTo: messageId,
    intent,
    language,
    createdAt: at,
    updatedAt: at,
  };
  await deps.repos.messages.put(reply);
  await deps.repos.messages.update({ messageId }, { intent, language });
  if (store) {
    await deps.repos.queryHistory.put({
      storeId: store.storeId,
      timestamp: `${at}#${messageId}`,
      messageId,
      channel: conversation.channel,
      query: inbound.text,
      intent,
      language,
      reply: text,
      latencyMs: Date.now() - started,
      expiresAt: Math.floor(Date.now() / 1000) + QUERY_HISTORY_DAYS * 86_400,
    });
  }
  return finish(deps, reply, inbound, conversation.channel);
}

async function finish(deps: TurnDeps, reply: Message, inbound: Message, channel: Message['channel']): Promise<TurnResult> {
  if (channel !== 'web') {
    await deps.queues.queue<SendJob>(QUEUES.sends).add('send', { messageId: reply.messageId }, { jobId: reply.messageId, attempts: SEND_ATTEMPTS });
  }
  return {
    messageId: inbound.messageId,
    replyMessageId: reply.messageId,
    reply: reply.text,
    intent: reply.intent ?? 'unknown',
    language: reply.language ?? 'en',
  };
}

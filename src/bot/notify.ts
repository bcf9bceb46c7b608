/**
 * Messages the bot starts (alerts, the morning brief): stored, then queued for sending like any
 * reply. Outside WhatsApp's 24-hour window they go out only as their approved template.
 */
import { hasCode } from '../domain/errors.js';
import { newId, newSeq } from '../domain/ids.js';
import { QUEUES, SEND_ATTEMPTS, type SendJob } from '../domain/jobs.js';
import { pending, type Message, type TemplateRef } from '../domain/message.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll } from '../storage/tables.port.js';

export interface Notification {
  userId: string;
  /** The free-form text, used inside the window and on SMS without a DLT template. */
  text: string;
  template?: TemplateRef;
  intent?: string;
  /** A stable id makes the notification idempotent: queued once however often it is asked for. */
  id?: string;
}

/** Queues a notification on the user's WhatsApp conversation (else SMS); undefined when they have none, or it was queued already. */
export async function queueNotification(repos: Repositories, queues: QueueBackend, notification: Notification): Promise<Message | undefined> {
  const conversations = await queryAll(repos.conversations, { index: 'byUser', partition: notification.userId });
  const conversation = conversations.find((c) => c.channel === 'whatsapp') ?? conversations.find((c) => c.channel === 'sms');
  if (!conversation) return undefined;
  const seq = newSeq();
  const at = new Date().toISOString();
  const message: Message = {
    messageId: notification.id ?? newId('note'),
    conversationId: conversation.conversationId,
    ...(conversation.storeId ? { storeId: conversation.storeId } : {}),
    direction: 'out',
    channel: conversation.channel,
    text: notification.text,
    status: 'queued',
    seq,
    ...pending(conversation.conversationId, 'send', seq),
    ...(notification.template ? { template: notification.template } : {}),
    intent: notification.intent ?? 'notification',
    language: conversation.language,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await repos.messages.put(message, notification.id ? { condition: { notExists: true } } : {});
  } catch (error) {
    if (notification.id && hasCode(error, 'TABLES.CONDITION_FAILED')) return undefined;
    throw error;
  }
  await queues.queue<SendJob>(QUEUES.sends).add('send', { conversationId: conversation.conversationId }, { jobId: message.messageId, attempts: SEND_ATTEMPTS });
  return message;
}

/**
 * WhatsApp refused a free-form message because its 24-hour window had closed (63016): if the
 * message has an approved template, queue that instead. Returns the new message, if any.
 */
export async function resendAsTemplate(repos: Repositories, queues: QueueBackend, failed: Message): Promise<Message | undefined> {
  if (!failed.template || failed.templateOnly) return undefined;
  const seq = newSeq();
  const at = new Date().toISOString();
  const retry: Message = {
    ...failed,
    messageId: `${failed.messageId}_template`,
    status: 'queued',
    seq,
    ...pending(failed.conversationId, 'send', seq),
    templateOnly: true,
    providerSid: undefined,
    errorCode: undefined,
    sendingAt: undefined,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await repos.messages.put(retry, { condition: { notExists: true } });
  } catch {
    // A repeated callback: the retry exists already.
    return undefined;
  }
  await queues.queue<SendJob>(QUEUES.sends).add('send', { conversationId: failed.conversationId }, { jobId: retry.messageId, attempts: SEND_ATTEMPTS });
  return retry;
}

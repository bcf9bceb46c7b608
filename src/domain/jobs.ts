/** Queue names and job payloads, shared by whoever enqueues and whoever works. */
import type { Language } from './language.js';

export const QUEUES = {
  /** One owner message to answer. Job id = the inbound message id, so a message is answered once. */
  turns: 'turns',
  /** One reply to send over WhatsApp/SMS. Job id = the outbound message id. */
  sends: 'sends',
} as const;

export interface TurnJob {
  messageId: string;
}

export interface TurnResult {
  messageId: string;
  replyMessageId: string;
  reply: string;
  intent: string;
  language: Language;
}

/** Tries per send; the delay doubles from the queue's default base. */
export const SEND_ATTEMPTS = 5;

export interface SendJob {
  messageId: string;
}

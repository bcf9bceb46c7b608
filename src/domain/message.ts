import type { Language } from './language.js';

export type Channel = 'whatsapp' | 'sms' | 'web';
export type Direction = 'in' | 'out';
export type DeliveryStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

/** One chat between one user and the bot on one channel. */
export interface Conversation {
  conversationId: string;
  userId: string;
  storeId?: string;
  channel: Channel;
  /** Where replies go: `whatsapp:+91…`, `+91…`, or `web:<userId>`. */
  address: string;
  language: Language;
  lastInboundAt?: string;
  createdAt: string;
}

export interface Message {
  messageId: string;
  conversationId: string;
  direction: Direction;
  channel: Channel;
  text: string;
  status: DeliveryStatus;
  /** Twilio's MessageSid, when the message went through Twilio. */
  providerSid?: string;
  /** The inbound message a reply answers. */
  inReplyTo?: string;
  intent?: string;
  language?: Language;
  errorCode?: string;
  createdAt: string;
  updatedAt: string;
}

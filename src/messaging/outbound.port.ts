/** Sending a reply to an owner's phone. Twilio in production; a local outbox in the demo. */
import type { DeliveryStatus } from '../domain/message.js';

export interface OutboundMessage {
  messageId: string;
  channel: 'whatsapp' | 'sms';
  /** E.164, without a channel prefix. */
  to: string;
  body: string;
}

export interface SendReceipt {
  /** The provider's id for the message (Twilio MessageSid). */
  providerSid: string;
  status: DeliveryStatus;
}

export interface OutboundChannel {
  readonly name: string;
  /** Hands one message to the provider. Throws AppError `OUTBOUND.*`; `permanent` ones must not be retried. */
  send(message: OutboundMessage): Promise<SendReceipt>;
}

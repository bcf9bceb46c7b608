/** Sending a reply to an owner's phone. Twilio in production; a local outbox in the demo. */
import type { DeliveryStatus } from '../domain/message.js';

export interface OutboundMessage {
  messageId: string;
  channel: 'whatsapp' | 'sms';
  /** The recipient without a channel prefix: E.164, or a WhatsApp id. */
  to: string;
  /** Free text; ignored when `template` is given. */
  body: string;
  /** An approved WhatsApp Content template (outside the 24-hour window). */
  template?: { contentSid: string; variables: Record<string, string> };
}

export interface SendReceipt {
  /** The provider's id for the message (Twilio MessageSid). */
  providerSid: string;
  status: DeliveryStatus;
}

export interface OutboundChannel {
  readonly name: string;
  /**
   * Hands one message to the provider. Throws AppError `OUTBOUND.RETRY` when the provider
   * certainly created nothing, `OUTBOUND.UNCERTAIN` when it may have, `OUTBOUND.REJECTED`
   * (permanent, with the provider's error code) when it refused.
   */
  send(message: OutboundMessage): Promise<SendReceipt>;
  /**
   * After an uncertain send: the message the provider created for this one since `since`, if
   * any, so a retry never sends it twice.
   */
  findSent(message: OutboundMessage, since: Date): Promise<string | undefined>;
}

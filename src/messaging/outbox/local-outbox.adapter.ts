/**
 * The demo's "phone network": replies are written to the Outbox table by recipient, where the
 * chat CLI and the panel read them. Used whenever no Twilio credentials are configured.
 */
import type { OutboxEntry } from '../../storage/repositories.js';
import type { Table } from '../../storage/tables.port.js';
import type { OutboundChannel, OutboundMessage, SendReceipt } from '../outbound.port.js';

export class LocalOutbox implements OutboundChannel {
  readonly name = 'outbox';

  constructor(private readonly outbox: Table<OutboxEntry>) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    await this.outbox.put({
      to: `${message.channel}:${message.to}`,
      messageId: message.messageId,
      channel: message.channel,
      body: message.template ? `[template ${message.template.contentSid}] ${JSON.stringify(message.template.variables)}` : message.body,
      sentAt: new Date().toISOString(),
    });
    return { providerSid: `outbox_${message.messageId}`, status: 'delivered' };
  }

  async findSent(message: OutboundMessage): Promise<string | undefined> {
    const entry = await this.outbox.get({ to: `${message.channel}:${message.to}`, messageId: message.messageId });
    return entry ? `outbox_${message.messageId}` : undefined;
  }
}

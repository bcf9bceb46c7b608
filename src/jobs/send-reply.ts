/**
 * Sends one stored reply. A reply already handed to the provider is not sent again, so a job
 * that runs twice (after a crash) cannot double-send.
 */
import { AppError, isPermanent } from '../domain/errors.js';
import type { OutboundChannel } from '../messaging/outbound.port.js';
import type { Repositories } from '../storage/repositories.js';

export async function sendReply(repos: Repositories, outbound: OutboundChannel, messageId: string, attempt: number, attempts: number): Promise<void> {
  const message = await repos.messages.get({ messageId });
  if (!message) throw new AppError('SEND.UNKNOWN_MESSAGE', `No stored reply ${messageId}`, { status: 404, permanent: true });
  if (message.providerSid || message.status !== 'queued') return;
  const conversation = await repos.conversations.get({ conversationId: message.conversationId });
  if (!conversation || message.channel === 'web') return;
  const to = conversation.address.slice(conversation.address.indexOf(':') + 1);
  try {
    const receipt = await outbound.send({ messageId, channel: message.channel, to, body: message.text });
    await repos.messages.update({ messageId }, { providerSid: receipt.providerSid, status: receipt.status, updatedAt: new Date().toISOString() });
  } catch (error) {
    // The last try, or one that must not be retried: record why, where the panel shows it.
    if (isPermanent(error) || attempt >= attempts) {
      const code = error instanceof AppError ? String(error.metadata.twilioCode ?? error.code) : 'OUTBOUND.ERROR';
      await repos.messages.update({ messageId }, { status: 'failed', errorCode: code, updatedAt: new Date().toISOString() });
    }
    throw error;
  }
}

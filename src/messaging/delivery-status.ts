/**
 * Twilio's status callbacks: queued → sent → delivered → read, or failed / undelivered. They
 * can arrive out of order; a status only replaces one of lower rank, so "delivered" is never
 * undone by a late "sent".
 */
import { hasCode } from '../domain/errors.js';
import { STATUS_RANK, type DeliveryStatus, type Message } from '../domain/message.js';
import type { Repositories } from '../storage/repositories.js';

const TWILIO_STATUSES: Record<string, DeliveryStatus> = {
  accepted: 'queued', scheduled: 'queued', queued: 'queued', sending: 'sending', sent: 'sent',
  delivered: 'delivered', read: 'read', failed: 'failed', undelivered: 'undelivered',
};

export type StatusOutcome = 'updated' | 'stale' | 'unknown_message' | 'unknown_status';

/** WhatsApp's "outside the allowed window" error, reported in the status callback. */
export const WINDOW_CLOSED = '63016';

export async function applyStatusCallback(
  repos: Repositories,
  callback: { providerSid: string; status: string; errorCode?: string },
): Promise<{ outcome: StatusOutcome; message?: Message }> {
  const status = TWILIO_STATUSES[callback.status.toLowerCase()];
  if (!status) return { outcome: 'unknown_status' };
  const match = (await repos.messages.query({ index: 'byProviderSid', partition: callback.providerSid, limit: 1 })).items[0];
  if (!match) return { outcome: 'unknown_message' };
  // Optimistic: two callbacks racing for one message both re-read and re-check.
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await repos.messages.get({ messageId: match.messageId }))!;
    if ((STATUS_RANK[status] ?? 0) <= (STATUS_RANK[current.status] ?? 0)) return { outcome: 'stale', message: current };
    try {
      const updated = await repos.messages.update(
        { messageId: current.messageId },
        { status, ...(callback.errorCode ? { errorCode: callback.errorCode } : {}), updatedAt: new Date().toISOString() },
        { condition: { equals: { status: current.status } } },
      );
      return { outcome: 'updated', message: updated };
    } catch (error) {
      if (!hasCode(error, 'TABLES.CONDITION_FAILED')) throw error;
    }
  }
  return { outcome: 'stale', message: match };
}

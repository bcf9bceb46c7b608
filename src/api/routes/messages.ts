/**
 * GET /api/v1/messages: the caller's store's messages, newest first, with delivery status and
 * the error code of any that failed (e.g. `?status=failed`).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { DeliveryStatus } from '../../domain/message.js';
import type { Repositories } from '../../storage/repositories.js';
import { callerOf } from '../auth.js';
import { sendProblem } from '../problem.js';

const query = z.object({
  status: z.enum(['received', 'answered', 'dropped', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered', 'suppressed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

export function messageRoutes(repos: Repositories): Router {
  const router = Router();
  router.get('/messages', async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'MESSAGES.INVALID_REQUEST', 'status must be a delivery status; limit 1 to 200.');
    const { storeId } = callerOf(res);
    const wanted: DeliveryStatus | undefined = parsed.data.status;
    const items = [];
    let cursor = parsed.data.cursor;
    // A status filter may skip many messages: read pages until the page is full or the store ends.
    do {
      const page = await repos.messages.query({ index: 'byStore', partition: storeId, descending: true, limit: parsed.data.limit, cursor });
      items.push(...page.items.filter((m) => !wanted || m.status === wanted));
      cursor = page.cursor;
    } while (cursor && items.length < parsed.data.limit);
    res.json({
      items: items.slice(0, parsed.data.limit).map((m) => ({
        messageId: m.messageId,
        conversationId: m.conversationId,
        direction: m.direction,
        channel: m.channel,
        status: m.status,
        ...(m.errorCode ? { errorCode: m.errorCode } : {}),
        ...(m.providerSid ? { providerSid: m.providerSid } : {}),
        ...(m.intent ? { intent: m.intent } : {}),
        ...(m.part ? { part: m.part } : {}),
        text: m.text,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      })),
      ...(cursor ? { cursor } : {}),
    });
  });
  return router;
}

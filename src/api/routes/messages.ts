/**
 * GET /api/v1/messages: the caller's store's messages, newest first, with delivery status and
 * the error code of any that failed (e.g. `?status=failed`).
 */
import { Router } from 'express';
import type { DeliveryStatus } from '../../domain/message.js';
import type { Repositories } from '../../storage/repositories.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { messageOperations as ops, MessagesQuery } from '../schemas/index.js';

export function messageRoutes(repos: Repositories): Router {
  const router = Router();
  mountOn(router)(ops.list, async (req, res) => {
    const parsed = MessagesQuery.safeParse(req.query);
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

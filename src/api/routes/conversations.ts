/**
 * The store's conversations and their messages, for the panel: who wrote on which channel in
 * which language, what they asked (intent), and how each reply fared (status, Twilio error).
 * Addresses are shown masked: the panel needs to tell threads apart, not to read numbers.
 */
import { Router } from 'express';
import type { Conversation } from '../../domain/message.js';
import type { Repositories } from '../../storage/repositories.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { conversationOperations as ops, ConversationsQuery } from '../schemas/index.js';

/** `whatsapp:+919812345678` → `whatsapp:+91•••••45678`. */
export function maskAddress(address: string): string {
  return address.replace(/(\+?\d{2})\d+(\d{5})$/, (_, head: string, tail: string) => `${head}•••••${tail}`);
}

const summary = (c: Conversation) => ({
  conversationId: c.conversationId,
  channel: c.channel,
  address: maskAddress(c.address),
  language: c.language,
  userId: c.userId,
  ...(c.lastInboundAt ? { lastInboundAt: c.lastInboundAt } : {}),
  ...(c.optedOutAt ? { optedOutAt: c.optedOutAt } : {}),
  createdAt: c.createdAt,
});

export function conversationRoutes(repos: Repositories): Router {
  const router = Router();
  const mount = mountOn(router);
  mount(ops.list, async (req, res) => {
    const parsed = ConversationsQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'CONVERSATIONS.INVALID_REQUEST', 'limit 1 to 200.');
    const page = await repos.conversations.query({ index: 'byStore', partition: callerOf(res).storeId, descending: true, ...parsed.data });
    res.json({ items: page.items.map(summary), ...(page.cursor ? { cursor: page.cursor } : {}) });
  });

  mount(ops.messages, async (req, res) => {
    const parsed = ConversationsQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'CONVERSATIONS.INVALID_REQUEST', 'limit 1 to 200.');
    const conversation = await repos.conversations.get({ conversationId: String(req.params.id) });
    // Another store's conversation is as unknown to this caller as one that never was.
    if (!conversation || conversation.storeId !== callerOf(res).storeId) return sendProblem(res, 404, 'CONVERSATION.NOT_FOUND', 'No such conversation in your store.');
    const page = await repos.messages.query({ index: 'byConversation', partition: conversation.conversationId, descending: true, ...parsed.data });
    res.json({
      conversation: summary(conversation),
      items: page.items.map((m) => ({
        messageId: m.messageId,
        direction: m.direction,
        status: m.status,
        text: m.text,
        ...(m.intent ? { intent: m.intent } : {}),
        ...(m.language ? { language: m.language } : {}),
        ...(m.via ? { via: m.via } : {}),
        ...(m.errorCode ? { errorCode: m.errorCode } : {}),
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  });
  return router;
}

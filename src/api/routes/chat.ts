/** POST /api/v1/chat: the owner's web chat, answered in the response through the same pipeline as WhatsApp. */
import { Router } from 'express';
import { createHash } from 'node:crypto';
import type { Inbox, ReplyWaiter } from '../../bot/index.js';
import { newId } from '../../domain/ids.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { chatOperations as ops, ChatRequest } from '../schemas/index.js';

export function chatRoutes(inbox: Inbox, waiter: ReplyWaiter, timeoutMs: number): Router {
  const router = Router();
  mountOn(router)(ops.chat, async (req, res) => {
    const parsed = ChatRequest.safeParse(req.body);
    if (!parsed.success) {
      return sendProblem(res, 400, 'CHAT.INVALID_REQUEST', 'Send {"text": "..."} with 1 to 2000 characters.', {
        errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })),
      });
    }
    const caller = callerOf(res);
    // With an Idempotency-Key a retried request is the same message, answered once.
    const key = req.get('idempotency-key');
    const messageId = key
      ? `web_${createHash('sha256').update(`${caller.userId}:${key}`).digest('base64url').slice(0, 26)}`
      : newId('web');
    await inbox.receive({ messageId, channel: 'web', address: `web:${caller.userId}`, userId: caller.userId, text: parsed.data.text, receivedAt: new Date() });
    const outcome = await waiter.wait(messageId, timeoutMs);
    if (!('reply' in outcome)) return sendProblem(res, 429, 'CHAT.NOT_ANSWERED', 'This message was not answered; send one question at a time.');
    const { reply } = outcome;
    res.json({ reply: reply.text, intent: reply.intent, language: reply.language, via: reply.via ?? 'template', messageId, replyMessageId: reply.messageId });
  });
  return router;
}

/**
 * `POST /admin/simulator`: a WhatsApp message from any phone, through the real pipeline (inbox →
 * queue → bot → outbox), so anyone can try the bot without Twilio. Only while replies go to the
 * local outbox: with Twilio configured a simulated number could be a real person's.
 */
import { Router, json } from 'express';
import { randomBytes } from 'node:crypto';
import { replyPartIdFor, type Inbox, type ReplyWaiter } from '../../bot/index.js';
import type { Repositories } from '../../storage/repositories.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { adminOperations as ops, SimulatorRequest } from '../schemas/index.js';

export interface SimulatorDeps {
  repos: Repositories;
  inbox: Inbox;
  waiter: ReplyWaiter;
  chatTimeoutMs: number;
  /** False when replies would reach real phones. */
  simulatorEnabled: boolean;
}

export function simulatorRoutes(deps: SimulatorDeps): Router {
  const router = Router();
  mountOn(router, '/admin')(ops.simulator, json({ limit: '8kb' }), async (req, res) => {
    if (!deps.simulatorEnabled) return sendProblem(res, 409, 'SIMULATOR.UNAVAILABLE', 'Replies go to real phones through Twilio here; the simulator works only with the local outbox.');
    const parsed = SimulatorRequest.safeParse(req.body);
    if (!parsed.success) return sendProblem(res, 400, 'SIMULATOR.INVALID_REQUEST', 'Send {"phone": "+91…", "text": "…"} (phone in E.164, text up to 2000 characters).');
    const messageId = `sim_${randomBytes(12).toString('base64url')}`;
    await deps.inbox.receive({ messageId, channel: 'whatsapp', address: `whatsapp:${parsed.data.phone}`, text: parsed.data.text, receivedAt: new Date() });
    const outcome = await deps.waiter.wait(messageId, deps.chatTimeoutMs);
    if (!('reply' in outcome)) return sendProblem(res, 429, 'CHAT.NOT_ANSWERED', 'This message was not answered (too many at once from this number).');
    // A long reply goes out in parts; the waiter saw the first.
    const replies = [outcome.reply];
    for (let part = 2; part <= (outcome.reply.part?.of ?? 1); part++) {
      const next = await deps.repos.messages.get({ messageId: replyPartIdFor(messageId, part) });
      if (next) replies.push(next);
    }
    res.json({
      messageId,
      conversationId: outcome.reply.conversationId,
      replies: replies.map((r) => ({ text: r.text, ...(r.intent ? { intent: r.intent } : {}), ...(r.language ? { language: r.language } : {}) })),
    });
  });
  return router;
}

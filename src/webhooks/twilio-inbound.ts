/**
 * Twilio's inbound webhooks for WhatsApp and SMS. Thin on purpose: verify, normalise, hand to
 * the inbox, answer empty TwiML at once. On the primary URL a message that cannot be queued
 * gets 503, so Twilio retries or calls the fallback URL; the fallback stores it and answers
 * 200, leaving it to the sweeper.
 */
import { Router, urlencoded, type Request, type Response } from 'express';
import type { InboundMessage, Inbox } from '../bot/index.js';
import type { MediaItem } from '../domain/message.js';
import { sendProblem } from '../api/problem.js';
import { requireTwilioSignature, type TwilioSignatureCheck } from './twilio-signature.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const PHONE = /^\+[1-9]\d{7,14}$/;
/** WhatsApp senders are usually numbers but may be other ids (business-scoped user ids). */
const WHATSAPP_ID = /^[A-Za-z0-9+._-]{3,64}$/;
const MAX_MEDIA = 10;

/** The form fields of one Twilio message webhook, as our InboundMessage; undefined if malformed. */
export function parseTwilioMessage(params: Record<string, string>, receivedAt: Date): InboundMessage | undefined {
  const from = params.From ?? '';
  const whatsapp = from.startsWith('whatsapp:');
  const sender = whatsapp ? from.slice('whatsapp:'.length) : from;
  if (!MESSAGE_SID.test(params.MessageSid ?? '') || !(whatsapp ? WHATSAPP_ID : PHONE).test(sender)) return undefined;
  const media: MediaItem[] = [];
  for (let i = 0; i < Math.min(Number(params.NumMedia) || 0, MAX_MEDIA); i++) {
    const url = params[`MediaUrl${i}`];
    if (url) media.push({ url, contentType: params[`MediaContentType${i}`] ?? 'application/octet-stream' });
  }
  return {
    messageId: `tw_${params.MessageSid}`,
    providerSid: params.MessageSid!,
    channel: whatsapp ? 'whatsapp' : 'sms',
    address: `${whatsapp ? 'whatsapp' : 'sms'}:${sender}`,
    text: (params.Body ?? '').slice(0, 4096),
    ...(whatsapp && params.WaId ? { waId: params.WaId } : {}),
    ...(media.length ? { media } : {}),
    receivedAt,
  };
}

export function twilioInboundWebhooks(options: { inbox: Inbox; verify: TwilioSignatureCheck; publicBaseUrl: () => string }): Router {
  const router = Router();
  const receive = (acceptWithoutQueue: boolean) => async (req: Request, res: Response) => {
    const message = parseTwilioMessage((req.body ?? {}) as Record<string, string>, new Date());
    if (!message) return sendProblem(res, 400, 'TWILIO.INVALID_MESSAGE', 'MessageSid or From is missing or malformed.');
    await options.inbox.receive(message, { acceptWithoutQueue });
    res.status(200).type('text/xml').send(EMPTY_TWIML);
  };
  const guard = [urlencoded({ extended: false, limit: '64kb' }), requireTwilioSignature(options.verify, options.publicBaseUrl)];
  router.post('/webhooks/twilio/inbound', ...guard, receive(false));
  router.post('/webhooks/twilio/fallback', ...guard, receive(true));
  return router;
}

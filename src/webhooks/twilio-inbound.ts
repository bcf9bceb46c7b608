/**
 * Twilio's inbound webhook for WhatsApp and SMS. Thin on purpose: verify the signature against
 * the public URL Twilio signed, normalise, hand to the inbox, answer empty TwiML at once. If
 * the message cannot be queued, answer 503 so Twilio retries or uses the fallback URL.
 */
import { Router, urlencoded } from 'express';
import type { Inbox } from '../bot/index.js';
import { sendProblem } from '../api/problem.js';

/** Checks `X-Twilio-Signature` for the full public URL and the POSTed form fields. */
export type TwilioSignatureCheck = (url: string, params: Record<string, string>, signature: string) => boolean;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const PHONE = /^\+[1-9]\d{7,14}$/;

export function twilioWebhooks(options: { inbox: Inbox; verify: TwilioSignatureCheck; publicBaseUrl: () => string }): Router {
  const router = Router();
  router.post('/webhooks/twilio/inbound', urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const params = (req.body ?? {}) as Record<string, string>;
    // Twilio signed the public URL; behind a proxy the one seen here differs.
    const url = new URL(req.originalUrl, options.publicBaseUrl()).toString();
    const signature = req.get('x-twilio-signature') ?? '';
    if (!signature || !options.verify(url, params, signature)) {
      return sendProblem(res, 403, 'TWILIO.SIGNATURE_INVALID', 'The request is not signed by Twilio for this URL.');
    }
    const whatsapp = (params.From ?? '').startsWith('whatsapp:');
    const phone = whatsapp ? params.From!.slice('whatsapp:'.length) : params.From ?? '';
    if (!MESSAGE_SID.test(params.MessageSid ?? '') || !PHONE.test(phone)) {
      return sendProblem(res, 400, 'TWILIO.INVALID_MESSAGE', 'MessageSid or From is missing or malformed.');
    }
    await options.inbox.receive({
      messageId: `tw_${params.MessageSid}`,
      providerSid: params.MessageSid!,
      channel: whatsapp ? 'whatsapp' : 'sms',
      address: `${whatsapp ? 'whatsapp' : 'sms'}:${phone}`,
      text: (params.Body ?? '').slice(0, 4096),
      receivedAt: new Date(),
    });
    res.status(200).type('text/xml').send(EMPTY_TWIML);
  });
  return router;
}

/**
 * Twilio's delivery status callbacks: verified, then applied by rank
 * (messaging/delivery-status.ts). A WhatsApp message refused for a closed window goes again as
 * its template, if it has one.
 */
import { Router, urlencoded } from 'express';
import { resendAsTemplate } from '../bot/index.js';
import type { Logger } from '../logger.js';
import { applyStatusCallback, WINDOW_CLOSED } from '../messaging/delivery-status.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { Repositories } from '../storage/repositories.js';
import { requireTwilioSignature, type TwilioSignatureCheck } from './twilio-signature.js';

export function twilioStatusWebhook(options: {
  repos: Repositories;
  queues: QueueBackend;
  verify: TwilioSignatureCheck;
  publicBaseUrl: () => string;
  logger: Logger;
}): Router {
  const router = Router();
  router.post(
    '/webhooks/twilio/status',
    urlencoded({ extended: false, limit: '64kb' }),
    requireTwilioSignature(options.verify, options.publicBaseUrl),
    async (req, res) => {
      const params = (req.body ?? {}) as Record<string, string>;
      if (!params.MessageSid || !params.MessageStatus) return void res.status(400).type('text/plain').send('MessageSid and MessageStatus are required');
      const { outcome, message } = await applyStatusCallback(options.repos, {
        providerSid: params.MessageSid,
        status: params.MessageStatus,
        ...(params.ErrorCode ? { errorCode: params.ErrorCode } : {}),
      });
      if (outcome === 'unknown_message') options.logger.warn({ providerSid: params.MessageSid }, 'status callback for an unknown message');
      if (outcome === 'updated' && message && params.ErrorCode === WINDOW_CLOSED) await resendAsTemplate(options.repos, options.queues, message);
      // 200 even for unknown ones: an error would only make Twilio retry what we cannot use.
      res.status(200).type('text/plain').send(outcome);
    },
  );
  return router;
}

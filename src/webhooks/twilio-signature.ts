/**
 * Every Twilio webhook is signed. The signature covers the public URL Twilio called (behind a
 * proxy the URL seen here differs, so it comes from config) and the POSTed fields.
 */
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../api/problem.js';

/** Checks `X-Twilio-Signature` for the full public URL and the POSTed form fields. */
export type TwilioSignatureCheck = (url: string, params: Record<string, string>, signature: string) => boolean;

export function requireTwilioSignature(verify: TwilioSignatureCheck, publicBaseUrl: () => string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const params = (req.body ?? {}) as Record<string, string>;
    const url = new URL(req.originalUrl, publicBaseUrl()).toString();
    const signature = req.get('x-twilio-signature') ?? '';
    if (!signature || !verify(url, params, signature)) {
      return sendProblem(res, 403, 'TWILIO.SIGNATURE_INVALID', 'The request is not signed by Twilio for this URL.');
    }
    next();
  };
}

/**
 * The API's one error sink: every failure leaves as `application/problem+json` (RFC 9457) with
 * a stable `code`. Unexpected errors are logged with the request id and answered without detail.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../logger.js';

/** The problem+json body for a status and code (the `Problem` schema in schemas/common.ts). */
export function problemOf(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: `https://bharatsense.in/problems/${code.toLowerCase().replace(/\./g, '-')}`, title: code, status, code, detail, ...extra };
}

export function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').json(problemOf(status, code, detail, extra));
}

/** body-parser's error types, mapped to what a client can act on. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'REQUEST.TOO_LARGE', 'The request body is larger than this endpoint accepts.'],
  'entity.parse.failed': [400, 'REQUEST.MALFORMED', 'The request body is not valid JSON.'],
  'encoding.unsupported': [415, 'REQUEST.UNSUPPORTED_ENCODING', 'Send the body uncompressed or gzip/deflate.'],
  'charset.unsupported': [415, 'REQUEST.UNSUPPORTED_CHARSET', 'Send the body as UTF-8.'],
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const bodyError = BODY_ERRORS[(error as { type?: string }).type ?? ''];
    if (bodyError) return sendProblem(res, ...bodyError);
    if (error instanceof AppError && error.status < 500) {
      const { errors, ...metadata } = error.metadata;
      return sendProblem(res, error.status, error.code, error.message, { ...(errors ? { errors } : {}), ...(Object.keys(metadata).length ? { metadata } : {}) });
    }
    if (error instanceof AppError && error.status !== 500) {
      logger.warn({ err: error, requestId: res.locals.requestId, path: req.path }, 'request failed');
      return sendProblem(res, error.status, error.code, error.message);
    }
    logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, 'unexpected error');
    sendProblem(res, 500, 'INTERNAL', 'Something went wrong on our side; it has been logged.', { requestId: res.locals.requestId });
  };
}

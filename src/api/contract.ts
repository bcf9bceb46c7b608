/**
 * Responses checked against the document, outside production: every JSON body under `/api/v1`
 * is parsed with the schema its operation declares for the status. A body that does not match
 * is not sent; a 500 `INTERNAL.RESPONSE_SCHEMA` goes instead, with the zod issues in the log, so
 * every integration test doubles as a contract test of the OpenAPI document. In production the
 * check is not installed at all: it costs a parse per response and would turn drift into outages.
 */
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { problemsOf, type Operation } from './operation.js';
import { problemOf } from './problem.js';
import { Problem } from './schemas/common.js';

type Issues = ReadonlyArray<{ message: string }>;

/** Installs the check on each response's `res.json`. */
export function responseContract(logger: Logger): RequestHandler {
  return (_req, res, next) => {
    const send = res.json.bind(res);
    res.json = ((body: unknown) => {
      const op = res.locals.operation as Operation | undefined;
      const issues = mismatch(op, res.statusCode, body, (message) => logger.warn({ requestId: res.locals.requestId }, message));
      if (!issues) return send(body);
      logger.error(
        { requestId: res.locals.requestId, operationId: op?.operationId, status: res.statusCode, issues },
        'response does not match its documented schema',
      );
      res.status(500).type('application/problem+json');
      return send(problemOf(500, 'INTERNAL.RESPONSE_SCHEMA', 'The response did not match its documented schema; it has been logged.', { requestId: res.locals.requestId }));
    }) as Response['json'];
    next();
  };
}

/** Why a body does not match its operation's document, or undefined when it does. */
function mismatch(op: Operation | undefined, status: number, body: unknown, warn: (message: string) => void): Issues | undefined {
  if (status >= 400) {
    const parsed = Problem.safeParse(body);
    if (!parsed.success) return parsed.error.issues;
    // An undocumented problem code is drift in the document, not a broken response: say so, send it.
    if (op && !codesOf(op).get(status)?.includes(parsed.data.code)) warn(`${op.operationId} answered ${status} ${parsed.data.code}, which its document does not list`);
    return undefined;
  }
  if (!op) return [{ message: 'no documented operation answers this route' }];
  const schema = op.responses[status as keyof Operation['responses']]?.schema;
  if (!schema) return [{ message: `${op.operationId} documents no JSON body for status ${status}` }];
  const parsed = schema.safeParse(body);
  return parsed.success ? undefined : parsed.error.issues;
}

const codes = new WeakMap<Operation, Map<number, string[]>>();
function codesOf(op: Operation): Map<number, string[]> {
  let known = codes.get(op);
  if (!known) codes.set(op, (known = problemsOf(op)));
  return known;
}

/**
 * An API operation declared once: method, path, who may call it, its request and response
 * schemas and the problems it answers. The same declaration mounts the route (`mountOn`), checks
 * its responses outside production (contract.ts) and writes the OpenAPI document (openapi.ts).
 */
import type { RequestHandler, Router } from 'express';
import type { ZodObject, ZodType } from 'zod';

export const TAGS = {
  auth: 'Logging in and who the caller is.',
  chat: 'The owner’s web chat, answered like WhatsApp.',
  forecast: 'Demand forecasts, order advice and forecast accuracy.',
  prices: 'Market prices against the store’s own.',
  insights: 'The store at a glance.',
  store: 'The store’s profile, settings, sales uploads and API keys.',
  conversations: 'Conversations with the bot, for the panel.',
  messages: 'Messages and their delivery status.',
  admin: 'Machinery and every store, for admins.',
  meta: 'This API’s own description.',
} as const;
export type Tag = keyof typeof TAGS;

/** Who may call: anyone; any caller with credentials; a store's owner (or an admin naming the store); admins. */
export type Access = 'public' | 'caller' | 'store' | 'admin';

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface SuccessResponse {
  description: string;
  /** The JSON body; absent when there is none (204). */
  schema?: ZodType;
  headers?: ZodObject;
}

export interface Operation {
  operationId: string;
  method: Method;
  /** Path under `/api/v1` as OpenAPI writes it, e.g. `/forecast/{sku}`. */
  path: string;
  summary: string;
  description?: string;
  tag: Tag;
  access: Access;
  request?: {
    params?: ZodObject;
    query?: ZodObject;
    headers?: ZodObject;
    /** Body schemas by media type. */
    body?: Record<string, ZodType>;
  };
  /** Success responses by status. */
  responses: Partial<Record<200 | 201 | 202 | 204, SuccessResponse>>;
  /** Problems the route itself answers, by status, with their codes; those of the doors (auth, throttle, body parser) are added by `problemsOf`. */
  problems?: Partial<Record<number, readonly string[]>>;
}

/** Declares an operation (an identity function that keeps the literal type). */
export function operation<const O extends Operation>(op: O): O {
  return op;
}

const AUTHENTICATED = { 401: ['AUTH.MISSING_CREDENTIALS', 'AUTH.INVALID_TOKEN', 'AUTH.INVALID_API_KEY'], 429: ['RATE_LIMITED'] };
/** What the doors in front of each kind of route answer (auth.ts, throttle.ts). */
const DOORS: Record<Access, Record<number, readonly string[]>> = {
  public: {},
  caller: AUTHENTICATED,
  store: { ...AUTHENTICATED, 400: ['AUTH.STORE_REQUIRED'], 403: ['AUTH.NO_STORE', 'AUTH.FORBIDDEN'], 404: ['STORE.NOT_FOUND'] },
  admin: { ...AUTHENTICATED, 403: ['AUTH.FORBIDDEN'] },
};
/** What the body parsers answer (problem.ts maps their errors). */
const BODY = { 413: ['REQUEST.TOO_LARGE'], 415: ['REQUEST.UNSUPPORTED_ENCODING', 'REQUEST.UNSUPPORTED_CHARSET'] };
const INTERNAL = { 500: ['INTERNAL', 'INTERNAL.RESPONSE_SCHEMA'] };

/** Every problem status an operation can answer, with its codes: the route's own, its doors', its body parser's, and 500. */
export function problemsOf(op: Operation): Map<number, string[]> {
  const types = Object.keys(op.request?.body ?? {});
  // Only a JSON-only body goes through the JSON parser, whose syntax errors are REQUEST.MALFORMED.
  const body = types.length ? [BODY, types.length === 1 && types[0] === 'application/json' ? { 400: ['REQUEST.MALFORMED'] } : {}] : [];
  const out = new Map<number, string[]>();
  for (const source of [DOORS[op.access], ...body, op.problems ?? {}, INTERNAL]) {
    for (const [status, codes] of Object.entries(source)) {
      const list = out.get(Number(status)) ?? [];
      out.set(Number(status), [...new Set([...list, ...(codes as readonly string[])])]);
    }
  }
  return new Map([...out].sort(([a], [b]) => a - b));
}

/** The Express path of an OpenAPI path: `/forecast/{sku}` → `/forecast/:sku`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Mounts documented operations on a router that the server mounts at `base` under `/api/v1`.
 * Each route first marks the request with its operation, so the response check knows the schema.
 */
export function mountOn(router: Router, base = ''): (op: Operation, ...handlers: RequestHandler[]) => void {
  return (op, ...handlers) => {
    // A path outside the router's base could never match: fail at startup, not at request time.
    if (!op.path.startsWith(`${base}/`)) throw new Error(`${op.operationId}: ${op.path} is not under ${base || '/'}`);
    const mark: RequestHandler = (_req, res, next) => {
      res.locals.operation = op;
      next();
    };
    const add = router[op.method] as (path: string, ...handlers: RequestHandler[]) => Router;
    add.call(router, expressPath(op.path.slice(base.length)), mark, ...handlers);
  };
}

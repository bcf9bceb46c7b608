/**
 * The OpenAPI 3.1 document of `/api/v1`, written from the same operations the routes mount and
 * the response check uses, and served at `GET /api/v1/openapi.json` without credentials.
 */
import { Router } from 'express';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { mountOn, problemsOf, TAGS, type Operation } from './operation.js';
import { authOperations, OPERATIONS, Problem, StoreHeaders } from './schemas/index.js';

/** The API's version: bump the minor for additions, the major for breaking changes. */
export const API_VERSION = '1.0.0';

/** Either credential will do. */
const SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKey: [] }];

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid', 401: 'No valid credentials', 403: 'Not allowed for this caller', 404: 'Not found',
  409: 'Conflicts with what exists', 413: 'The body is too large', 415: 'Unsupported body type or encoding',
  422: 'Understood, but cannot be done', 429: 'Too many requests', 500: 'Something went wrong on our side', 503: 'A service behind the API is down; retry later', 504: 'The answer took too long',
};

/** Builds the document (call once: it walks every schema). */
export function buildOpenApiDocument(operations: readonly Operation[] = OPERATIONS): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is declared twice`);
    item[op.method] = operationObject(op);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'BharatSense API',
      version: API_VERSION,
      description: 'The retail copilot for kirana stores. Errors are `application/problem+json` (RFC 9457) with a stable `code`.',
    },
    servers: [{ url: '/api/v1' }],
    security: SECURITY,
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A session token from `POST /auth/login` (or Cognito).' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A store’s API key.' },
      },
    },
  });
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const { params, query, headers, body } = op.request ?? {};
  // Store routes all take X-Store-Id; an operation's own headers extend it.
  const header = op.access === 'store' ? StoreHeaders.extend(headers?.shape ?? {}) : headers;
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, response] of Object.entries(op.responses)) {
    responses[status as `2${string}`] = {
      description: response.description,
      ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
      ...(response.headers ? { headers: response.headers } : {}),
    };
  }
  for (const [status, codes] of problemsOf(op)) {
    responses[String(status) as `4${string}`] = {
      description: `${STATUS_TEXT[status] ?? 'Problem'}. Codes: ${codes.join(', ')}.`,
      content: { 'application/problem+json': { schema: Problem } },
      ...(status === 429 ? { headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait.' }) }) } : {}),
    };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: op.access === 'public' ? [] : SECURITY,
    requestParams: { ...(params ? { path: params } : {}), ...(query ? { query } : {}), ...(header ? { header } : {}) },
    ...(body ? { requestBody: { required: true, content: Object.fromEntries(Object.entries(body).map(([type, schema]) => [type, { schema }])) } } : {}),
    responses,
  };
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** `GET /openapi.json`: the document, built on first request and kept. */
export function openApiRoutes(): Router {
  const router = Router();
  mountOn(router)(authOperations.openapi, (_req, res) => {
    cached ??= buildOpenApiDocument();
    res.json(cached);
  });
  return router;
}

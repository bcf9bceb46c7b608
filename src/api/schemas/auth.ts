/** Logging in, the caller, and this API's own description. */
import { z } from 'zod';
import { ROLES } from '../../domain/user.js';
import { operation } from '../operation.js';
import { Language, StoreId, Timestamp } from './common.js';

export const LoginRequest = z
  .strictObject({
    email: z.email().max(254).meta({ example: 'owner@example.in' }),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'LoginRequest' });

/** What the panel shows of a person: never the password hash or the phone. */
export const UserProfile = z
  .strictObject({
    userId: z.string(),
    role: z.enum(ROLES),
    storeId: StoreId.optional().meta({ description: 'Owners only.' }),
    name: z.string().optional(),
    email: z.string().optional(),
    language: Language,
  })
  .meta({ id: 'UserProfile' });

export const LoginResponse = z
  .strictObject({
    token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`.' }),
    expiresAt: Timestamp,
    user: UserProfile,
  })
  .meta({ id: 'LoginResponse' });

export const Me = UserProfile.extend({ via: z.enum(['token', 'api_key']).meta({ description: 'How the caller authenticated.' }) }).meta({ id: 'Me' });

/** The document is open-ended JSON: its own meta-schema is OpenAPI's, not ours. */
export const OpenApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) });

export const authOperations = {
  login: operation({
    operationId: 'login',
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with email and password for a session token',
    description: 'Repeated failures for one email are throttled (10 in five minutes).',
    tag: 'auth',
    access: 'public',
    request: { body: { 'application/json': LoginRequest } },
    responses: { 200: { description: 'A session token and who it is for.', schema: LoginResponse } },
    problems: { 400: ['AUTH.INVALID_REQUEST'], 401: ['AUTH.INVALID_LOGIN'], 429: ['AUTH.TOO_MANY_ATTEMPTS'] },
  }),
  me: operation({
    operationId: 'getMe',
    method: 'get',
    path: '/auth/me',
    summary: 'Who the caller is',
    tag: 'auth',
    access: 'caller',
    responses: { 200: { description: 'The caller’s profile and how they authenticated.', schema: Me } },
    problems: { 401: ['AUTH.INVALID_TOKEN'] },
  }),
  openapi: operation({
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'meta',
    access: 'public',
    responses: { 200: { description: 'The OpenAPI 3.1 description of this API.', schema: OpenApiDocument } },
  }),
};

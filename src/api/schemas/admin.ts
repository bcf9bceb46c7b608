/** Admin-only views: queues, failed jobs, the model audit log, stores, users, any store's accuracy. */
import { z } from 'zod';
import { LANGUAGES } from '../../domain/language.js';
import { storeIdSchema } from '../../domain/store.js';
import { ROLES } from '../../domain/user.js';
import { operation } from '../operation.js';
import { UserProfile } from './auth.js';
import { IsoDay, Language, QUEUE_DOWN, StoreId, Timestamp } from './common.js';
import { AccuracyQuery, AccuracyReport } from './forecast.js';

export const StoresQuery = z.object({ q: z.string().trim().max(80).optional().meta({ description: 'Part of a name, city, state or id.' }) });
export const UsersQuery = z.object({ storeId: z.string().optional().meta({ description: 'Only this store’s people.' }) });
export const AuditQuery = z.object({ storeId: storeIdSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export const NewUserRequest = z
  .strictObject({
    role: z.enum(ROLES),
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+[1-9]\d{7,14}$/, 'E.164, e.g. +919800000001').optional(),
    password: z.string().min(10).max(200).optional(),
    storeId: storeIdSchema.optional(),
    language: z.enum(LANGUAGES).default('en'),
  })
  .meta({ id: 'NewUserRequest' });

const counts = { waiting: z.number().int(), active: z.number().int(), delayed: z.number().int(), failed: z.number().int(), completed: z.number().int() };
export const QueueList = z.strictObject({ queues: z.array(z.strictObject({ queue: z.string(), ...counts })) }).meta({ id: 'QueueList' });

export const FailedJobList = z
  .strictObject({
    jobs: z.array(
      z.strictObject({ queue: z.string(), id: z.string(), name: z.string(), data: z.unknown(), attempts: z.number().int(), error: z.string(), failedAt: Timestamp }),
    ),
  })
  .meta({ id: 'FailedJobList' });

export const RetriedJob = z.strictObject({ queue: z.string(), jobId: z.string(), state: z.literal('waiting') }).meta({ id: 'RetriedJob' });

/** A language-model call as the audit log keeps it (no prompt, no reply, no PII). Stored rows may carry newer fields, so it is open. */
export const AuditEntry = z
  .looseObject({
    storeId: StoreId,
    timestamp: z.string().meta({ description: 'ISO time, message id and call number.' }),
    messageId: z.string(),
    intent: z.string(),
    language: z.string(),
    model: z.string(),
    promptHash: z.string(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    latencyMs: z.number(),
    outcome: z.string(),
    fallback: z.boolean(),
    grounding: z.string().optional(),
    ungrounded: z.array(z.number()).optional(),
    sent: z.boolean(),
    expiresAt: z.number().meta({ description: 'Epoch seconds.' }),
  })
  .meta({ id: 'AuditEntry' });
export const AuditLog = z.strictObject({ entries: z.array(AuditEntry) }).meta({ id: 'AuditLog' });

export const StoreList = z
  .strictObject({
    items: z.array(z.strictObject({ storeId: StoreId, name: z.string(), city: z.string(), state: z.string(), language: Language, createdAt: Timestamp })),
  })
  .meta({ id: 'StoreList' });
export const UserList = z.strictObject({ items: z.array(UserProfile) }).meta({ id: 'UserList' });

export const SimulatorRequest = z
  .strictObject({
    phone: z.string().regex(/^\+[1-9]\d{7,14}$/, 'E.164, e.g. +919800000001').meta({ example: '+919800000001' }),
    text: z.string().trim().min(1).max(2000).meta({ example: 'kal kitna doodh mangwau?' }),
  })
  .meta({ id: 'SimulatorRequest' });
export const SimulatorReply = z
  .strictObject({
    messageId: z.string(),
    conversationId: z.string(),
    replies: z.array(z.strictObject({ text: z.string(), intent: z.string().optional(), language: Language.optional() })),
  })
  .meta({ id: 'SimulatorReply' });

export const Overview = z
  .strictObject({
    today: IsoDay,
    messagesToday: z.number().int().meta({ description: 'Questions answered today, all stores.' }),
    activeStores: z.number().int().meta({ description: 'Stores with a question in the last 7 days.' }),
    replyP95Ms: z.number().nullable().meta({ description: 'Message to reply, 95th percentile, today.' }),
    errorRate: z.number().meta({ description: 'Share of today’s outbound messages that failed.' }),
    queues: QueueList.shape.queues,
    failedJobs: z.number().int(),
    llm: z.strictObject({ calls: z.number().int(), fallbacks: z.number().int(), ungrounded: z.number().int(), templateReplies: z.number().int() }),
    accuracy: z.array(z.strictObject({ storeId: StoreId, name: z.string(), mase: z.number().nullable(), coverage80: z.number().nullable(), days: z.number().int() })),
  })
  .meta({ id: 'Overview' });

const admin = { tag: 'admin', access: 'admin' } as const;
export const adminOperations = {
  overview: operation({ ...admin, operationId: 'getOverview', method: 'get', path: '/admin/overview', summary: 'The service today: messages, stores, latency, errors, queues, models, accuracy', responses: { 200: { description: 'Today’s figures.', schema: Overview } }, problems: { 503: QUEUE_DOWN } }),
  simulator: operation({
    ...admin, operationId: 'simulateMessage', method: 'post', path: '/admin/simulator', summary: 'Send a WhatsApp message as any phone, through the real pipeline, and get the replies',
    description: 'Inbox → queue → bot → outbox, as a Twilio webhook would start it. Only while replies go to the local outbox, so no real phone is ever messaged.',
    request: { body: { 'application/json': SimulatorRequest } },
    responses: { 200: { description: 'The bot’s replies, in order.', schema: SimulatorReply } },
    problems: { 400: ['SIMULATOR.INVALID_REQUEST'], 409: ['SIMULATOR.UNAVAILABLE'], 429: ['CHAT.NOT_ANSWERED'], 504: ['CHAT.TIMEOUT'], 503: QUEUE_DOWN },
  }),
  queues: operation({ ...admin, operationId: 'listQueues', method: 'get', path: '/admin/queues', summary: 'Job counts per queue', responses: { 200: { description: 'Counts by state.', schema: QueueList } }, problems: { 503: QUEUE_DOWN } }),
  failed: operation({ ...admin, operationId: 'listFailedJobs', method: 'get', path: '/admin/jobs/failed', summary: 'Failed jobs, newest first', responses: { 200: { description: 'Up to 100 per queue.', schema: FailedJobList } }, problems: { 503: QUEUE_DOWN } }),
  retryJob: operation({
    ...admin, operationId: 'retryFailedJob', method: 'post', path: '/admin/jobs/{queue}/{jobId}/retry', summary: 'Run a failed job again',
    request: { params: z.object({ queue: z.string(), jobId: z.string() }) },
    responses: { 202: { description: 'Queued again, with a fresh set of tries.', schema: RetriedJob } },
    problems: { 404: ['JOBS.NOT_FOUND'], 503: QUEUE_DOWN },
  }),
  audit: operation({
    ...admin, operationId: 'getAuditLog', method: 'get', path: '/admin/audit', summary: 'The language-model audit log, newest first',
    request: { query: AuditQuery },
    responses: { 200: { description: 'Model calls.', schema: AuditLog } },
    problems: { 400: ['AUDIT.INVALID_REQUEST'] },
  }),
  stores: operation({
    ...admin, operationId: 'listStores', method: 'get', path: '/admin/stores', summary: 'Stores, searchable',
    request: { query: StoresQuery },
    responses: { 200: { description: 'Stores by name.', schema: StoreList } },
    problems: { 400: ['STORES.INVALID_REQUEST'] },
  }),
  users: operation({
    ...admin, operationId: 'listUsers', method: 'get', path: '/admin/users', summary: 'People, of one store or all',
    request: { query: UsersQuery },
    responses: { 200: { description: 'Profiles.', schema: UserList } },
  }),
  createUser: operation({
    ...admin, operationId: 'createUser', method: 'post', path: '/admin/users', summary: 'Add an admin, or an owner of an existing store',
    request: { body: { 'application/json': NewUserRequest } },
    responses: { 201: { description: 'The new person.', schema: UserProfile } },
    problems: { 400: ['USERS.INVALID_REQUEST'], 409: ['USERS.EMAIL_TAKEN'] },
  }),
  accuracy: operation({
    ...admin, operationId: 'getStoreForecastAccuracy', method: 'get', path: '/admin/stores/{storeId}/forecast/accuracy', summary: 'Any store’s forecast accuracy',
    request: { params: z.object({ storeId: z.string() }), query: AccuracyQuery },
    responses: { 200: { description: 'As `GET /forecast/accuracy`.', schema: AccuracyReport } },
    problems: { 400: ['FORECAST.INVALID_REQUEST'], 404: ['STORE.NOT_FOUND'] },
  }),
};

/** Admin-only views of the machinery: queue depths, failed jobs (and their retry), the audit log, stores, people, any store's accuracy. */
import { Router, json } from 'express';
import { QUEUES } from '../../domain/jobs.js';
import { newId } from '../../domain/ids.js';
import { hashPassword } from '../../domain/password.js';
import type { User } from '../../domain/user.js';
import { profileOf } from './auth.js';
import { scanAll } from '../../storage/tables.port.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { adminOperations as ops, AuditQuery, MarketQuery, NewUserRequest, priceOperations as priceOps, StoresQuery, UsersQuery } from '../schemas/index.js';
import type { MarketData } from '../../market/service.js';
import { serviceOverview } from '../../insights/overview.js';
import type { QueueBackend } from '../../queue/queue.port.js';
import type { SalesAnalytics } from '../../storage/analytics.port.js';
import type { Repositories } from '../../storage/repositories.js';
import { accuracyHandler } from './forecast.js';

export function adminRoutes(deps: { queues: QueueBackend; repos: Repositories; analytics: SalesAnalytics; market: MarketData }): Router {
  const { queues } = deps;
  const router = Router();
  // The server mounts this router at /admin.
  const mount = mountOn(router, '/admin');
  const names = Object.values(QUEUES);

  mount(ops.overview, async (_req, res) => {
    res.json(await serviceOverview(deps));
  });

  mount(ops.queues, async (_req, res) => {
    const counts = await Promise.all(names.map(async (name) => ({ queue: name, ...(await queues.queue(name).counts()) })));
    res.json({ queues: counts });
  });

  mount(ops.failed, async (_req, res) => {
    const failed = await Promise.all(names.map(async (name) => (await queues.queue(name).failed(100)).map((job) => ({ queue: name, ...job }))));
    res.json({ jobs: failed.flat().sort((a, b) => (a.failedAt < b.failedAt ? 1 : -1)) });
  });
  mount(ops.retryJob, async (req, res) => {
    const queue = String(req.params.queue);
    const jobId = String(req.params.jobId);
    if (!(names as string[]).includes(queue) || !(await queues.queue(queue).retry(jobId))) {
      return sendProblem(res, 404, 'JOBS.NOT_FOUND', 'No failed job with this id in this queue.');
    }
    res.status(202).json({ queue, jobId, state: 'waiting' });
  });
  mount(priceOps.market, async (req, res) => {
    const parsed = MarketQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'MARKET.INVALID_REQUEST', 'commodity is a commodity name such as onion or tur_dal.');
    const [quotes, status] = await Promise.all([deps.market.quotes(), deps.market.status()]);
    const wanted = parsed.data.commodity;
    const items = quotes
      .filter((q) => !wanted || q.commodity === wanted)
      .map((q) => ({ commodity: q.commodity, level: q.level, market: q.market, ...(q.district ? { district: q.district } : {}), ...(q.state ? { state: q.state } : {}), source: q.source, date: q.date, price: q.price, unit: q.unit }))
      .sort((a, b) => a.commodity.localeCompare(b.commodity) || a.market.localeCompare(b.market));
    const asOf = quotes.reduce<string | null>((newest, q) => (!newest || q.date > newest ? q.date : newest), null);
    res.json({ asOf, stale: Object.values(status).some((s) => s.ok === false), items });
  });
  // The language-model audit log: newest first, one store's or everyone's (no prompts, no PII).
  mount(ops.audit, async (req, res) => {
    const parsed = AuditQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'AUDIT.INVALID_REQUEST', 'storeId must be a store id; limit 1 to 500.');
    const { storeId, limit } = parsed.data;
    const entries = storeId
      ? (await deps.repos.audit.query({ partition: storeId, descending: true, limit })).items
      : (await scanAll(deps.repos.audit)).sort((a, b) => (a.timestamp < b.timestamp ? 1 : -1)).slice(0, limit);
    res.json({ entries });
  });
  // Stores, searchable by name, city or id.
  mount(ops.stores, async (req, res) => {
    const parsed = StoresQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'STORES.INVALID_REQUEST', 'q is at most 80 characters.');
    const q = parsed.data.q?.toLowerCase();
    const stores = (await scanAll(deps.repos.stores))
      .filter((s) => !q || [s.name, s.city, s.storeId, s.state].some((field) => field.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name));
    res.json({ items: stores.map((s) => ({ storeId: s.storeId, name: s.name, city: s.city, state: s.state, language: s.language, createdAt: s.createdAt })) });
  });

  mount(ops.users, async (req, res) => {
    // Anything but one storeId (none, or repeated) lists everyone, as it always has.
    const storeId = UsersQuery.safeParse(req.query).data?.storeId;
    const users = storeId ? (await deps.repos.users.query({ index: 'byStore', partition: storeId })).items : await scanAll(deps.repos.users);
    res.json({ items: users.map(profileOf) });
  });

  // A person: an admin, or an owner of an existing store; with a password to log in to the panel.
  mount(ops.createUser, json({ limit: '4kb' }), async (req, res) => {
    const parsed = NewUserRequest.safeParse(req.body);
    if (!parsed.success) {
      return sendProblem(res, 400, 'USERS.INVALID_REQUEST', 'Send role, name, and for owners storeId; email with password to log in.', {
        errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
      });
    }
    const { password, ...fields } = parsed.data;
    if (fields.role === 'owner' && !(fields.storeId && (await deps.repos.stores.get({ storeId: fields.storeId })))) return sendProblem(res, 400, 'USERS.INVALID_REQUEST', 'An owner needs the storeId of an existing store.');
    if (fields.role === 'admin' && fields.storeId) return sendProblem(res, 400, 'USERS.INVALID_REQUEST', 'Admins belong to no store.');
    if (password && !fields.email) return sendProblem(res, 400, 'USERS.INVALID_REQUEST', 'A password needs an email to log in with.');
    if (fields.email && (await deps.repos.users.query({ index: 'byEmail', partition: fields.email.toLowerCase(), limit: 1 })).items.length) {
      return sendProblem(res, 409, 'USERS.EMAIL_TAKEN', 'Someone already logs in with this email.');
    }
    const user: User = { userId: newId('user'), ...fields, ...(fields.email ? { email: fields.email.toLowerCase() } : {}), ...(password ? { passwordHash: await hashPassword(password) } : {}), createdAt: new Date().toISOString() };
    await deps.repos.users.put(user, { condition: { notExists: true } });
    if (user.phone && user.storeId) {
      for (const channel of ['whatsapp', 'sms']) await deps.repos.identities.put({ address: `${channel}:${user.phone}`, userId: user.userId, storeId: user.storeId, createdAt: user.createdAt });
    }
    res.status(201).json(profileOf(user));
  });

  // Any store's forecast accuracy, for the panel's accuracy view.
  mount(ops.accuracy, accuracyHandler(deps, (req) => String(req.params.storeId)));
  return router;
}

/** Admin-only views of the machinery: queue depths, failed jobs, any store's forecast accuracy. */
import { Router } from 'express';
import { z } from 'zod';
import { QUEUES } from '../../domain/jobs.js';
import { storeIdSchema } from '../../domain/store.js';
import { scanAll } from '../../storage/tables.port.js';
import { sendProblem } from '../problem.js';
import type { QueueBackend } from '../../queue/queue.port.js';
import type { SalesAnalytics } from '../../storage/analytics.port.js';
import type { Repositories } from '../../storage/repositories.js';
import { accuracyHandler } from './forecast.js';

const auditQuery = z.object({ storeId: storeIdSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export function adminRoutes(deps: { queues: QueueBackend; repos: Repositories; analytics: SalesAnalytics }): Router {
  const { queues } = deps;
  const router = Router();
  const names = Object.values(QUEUES);

  router.get('/queues', async (_req, res) => {
    const counts = await Promise.all(names.map(async (name) => ({ queue: name, ...(await queues.queue(name).counts()) })));
    res.json({ queues: counts });
  });

  router.get('/jobs/failed', async (_req, res) => {
    const failed = await Promise.all(names.map(async (name) => (await queues.queue(name).failed(100)).map((job) => ({ queue: name, ...job }))));
    res.json({ jobs: failed.flat().sort((a, b) => (a.failedAt < b.failedAt ? 1 : -1)) });
  });
  // The language-model audit log: newest first, one store's or everyone's (no prompts, no PII).
  router.get('/audit', async (req, res) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'AUDIT.INVALID_REQUEST', 'storeId must be a store id; limit 1 to 500.');
    const { storeId, limit } = parsed.data;
    const entries = storeId
      ? (await deps.repos.audit.query({ partition: storeId, descending: true, limit })).items
      : (await scanAll(deps.repos.audit)).sort((a, b) => (a.timestamp < b.timestamp ? 1 : -1)).slice(0, limit);
    res.json({ entries });
  });
  // Any store's forecast accuracy, for the panel's accuracy view.
  router.get('/stores/:storeId/forecast/accuracy', accuracyHandler(deps, (req) => String(req.params.storeId)));
  return router;
}

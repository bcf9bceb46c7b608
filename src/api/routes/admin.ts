/** Admin-only views of the machinery: queue depths, failed jobs, any store's forecast accuracy. */
import { Router } from 'express';
import { QUEUES } from '../../domain/jobs.js';
import type { QueueBackend } from '../../queue/queue.port.js';
import type { SalesAnalytics } from '../../storage/analytics.port.js';
import type { Repositories } from '../../storage/repositories.js';
import { accuracyHandler } from './forecast.js';

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
  // Any store's forecast accuracy, for the panel's accuracy view.
  router.get('/stores/:storeId/forecast/accuracy', accuracyHandler(deps, (req) => String(req.params.storeId)));
  return router;
}

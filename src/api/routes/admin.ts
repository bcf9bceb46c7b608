/** Admin-only views of the machinery: queue depths and failed jobs. */
import { Router } from 'express';
import { QUEUES } from '../../domain/jobs.js';
import type { QueueBackend } from '../../queue/queue.port.js';

export function adminRoutes(queues: QueueBackend): Router {
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
  return router;
}

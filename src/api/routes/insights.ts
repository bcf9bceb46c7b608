/** `GET /insights`: the caller's store at a glance — movers, stock-out risk, slow movers, festivals, price alerts, accuracy. */
import { Router } from 'express';
import { insightsFor, type InsightsDeps } from '../../insights/service.js';
import { callerOf } from '../auth.js';

export function insightsRoutes(deps: InsightsDeps): Router {
  const router = Router();
  router.get('/insights', async (_req, res) => {
    res.json(await insightsFor(deps, callerOf(res).storeId));
  });
  return router;
}

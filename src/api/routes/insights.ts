/** `GET /insights`: the caller's store at a glance — movers, stock-out risk, slow movers, festivals, price alerts, accuracy. */
import { Router } from 'express';
import { insightsFor, type InsightsDeps } from '../../insights/service.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { insightsOperations as ops } from '../schemas/index.js';

export function insightsRoutes(deps: InsightsDeps): Router {
  const router = Router();
  mountOn(router)(ops.insights, async (_req, res) => {
    res.json(await insightsFor(deps, callerOf(res).storeId));
  });
  return router;
}

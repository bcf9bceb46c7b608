/** GET /api/v1/forecast/{sku}: the design's forecast JSON for one of the caller's products. */
import { Router } from 'express';
import { z } from 'zod';
import { FORECAST_HISTORY_DAYS, forecastProduct } from '../../engines/forecast/index.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import { isCountable } from '../../domain/product.js';
import type { SalesAnalytics } from '../../storage/analytics.port.js';
import type { Repositories } from '../../storage/repositories.js';
import { callerOf } from '../auth.js';
import { sendProblem } from '../problem.js';

const query = z.object({ horizon: z.coerce.number().int().min(1).max(28).default(7) });

export function forecastRoutes(repos: Repositories, analytics: SalesAnalytics): Router {
  const router = Router();
  router.get('/forecast/:sku', async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'FORECAST.INVALID_REQUEST', 'horizon must be a whole number of days from 1 to 28.');
    const { storeId } = callerOf(res);
    const sku = String(req.params.sku);
    const [store, product] = await Promise.all([repos.stores.get({ storeId }), repos.products.get({ storeId, sku })]);
    if (!store) throw new AppError('STORE.NOT_FOUND', 'Your store no longer exists.', { status: 404 });
    if (!product) return sendProblem(res, 404, 'PRODUCT.NOT_FOUND', `No product with SKU ${sku} in your store.`);
    const today = todayIn(store.timezone);
    const history = await analytics.dailySales(storeId, { skus: [sku], from: addDays(today, -FORECAST_HISTORY_DAYS) });
    res.json(
      forecastProduct({
        sku,
        history,
        start: today,
        horizon: parsed.data.horizon,
        countable: isCountable(product.unit),
        stockOnHand: product.stock,
        leadTimeDays: product.leadTimeDays,
      }),
    );
  });
  return router;
}

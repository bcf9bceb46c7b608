/** `GET /store/sales`: daily units and revenue, the store's or one product's, for the panel's charts. */
import { Router } from 'express';
import { addDays, todayIn } from '../../domain/dates.js';
import type { SalesAnalytics } from '../../storage/analytics.port.js';
import type { Repositories } from '../../storage/repositories.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { SalesQuery, storeOperations as ops } from '../schemas/index.js';

/** A chart, not an export: at most about thirteen months at a time. */
const MAX_DAYS = 400;

export function salesRoutes(deps: { repos: Repositories; analytics: SalesAnalytics }): Router {
  const router = Router();
  mountOn(router)(ops.sales, async (req, res) => {
    const parsed = SalesQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'SALES.INVALID_REQUEST', 'from and to are dates (YYYY-MM-DD); sku a product of yours.');
    const { storeId } = callerOf(res);
    const store = await deps.repos.stores.get({ storeId });
    if (!store) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'Your store no longer exists.');
    const to = parsed.data.to ?? addDays(todayIn(store.timezone), -1);
    const from = parsed.data.from ?? addDays(to, -89);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    if (days < 1 || days > MAX_DAYS) return sendProblem(res, 400, 'SALES.INVALID_REQUEST', `from must not be after to, and the range at most ${MAX_DAYS} days.`);
    const { sku } = parsed.data;
    if (sku && !(await deps.repos.products.get({ storeId, sku }))) return sendProblem(res, 404, 'PRODUCT.NOT_FOUND', `No product with SKU ${sku} in your store.`);
    const sales = await deps.analytics.dailySales(storeId, { from, to, ...(sku ? { skus: [sku] } : {}) });
    const byDay = new Map<string, { units: number; revenue: number }>();
    for (const sale of sales) {
      const day = byDay.get(sale.date) ?? { units: 0, revenue: 0 };
      day.units += sale.qty;
      day.revenue += sale.qty * (sale.price ?? 0);
      byDay.set(sale.date, day);
    }
    const series = Array.from({ length: days }, (_, i) => {
      const date = addDays(from, i);
      const day = byDay.get(date);
      return { date, units: round(day?.units ?? 0), revenue: round(day?.revenue ?? 0) };
    });
    res.json({ from, to, ...(sku ? { sku } : {}), series });
  });
  return router;
}

const round = (x: number) => Math.round(x * 100) / 100;

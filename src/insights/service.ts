/**
 * Gathers what the insights engine needs for one store, from the sales lake, today's forecast
 * batch, the festival calendar, the market and the accuracy records, and asks it for the
 * store's insights. Behind `GET /api/v1/insights` and the admin store page.
 */
import { addDays, todayIn } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import { festivalWindows } from '../domain/festivals.js';
import type { PriceReport } from '../domain/prices.js';
import { storeInsights, type StoreInsights } from '../engines/insights/index.js';
import type { ForecastService } from '../forecasting/service.js';
import type { MarketData } from '../market/service.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll } from '../storage/tables.port.js';

export interface InsightsDeps {
  repos: Repositories;
  analytics: SalesAnalytics;
  forecasts: ForecastService;
  market: MarketData;
  now?: () => Date;
}

export async function insightsFor(deps: InsightsDeps, storeId: string): Promise<StoreInsights> {
  const store = await deps.repos.stores.get({ storeId });
  if (!store) throw new AppError('STORE.NOT_FOUND', 'No such store.', { status: 404 });
  const today = todayIn(store.timezone, deps.now?.() ?? new Date());
  const yesterday = addDays(today, -1);
  const [products, sales, batch, accuracy] = await Promise.all([
    queryAll(deps.repos.products, { partition: storeId }),
    deps.analytics.dailySales(storeId, { from: addDays(today, -28), to: yesterday }),
    deps.forecasts.storeForecasts(storeId),
    deps.analytics.forecastAccuracy(storeId, { from: addDays(today, -28), to: yesterday }),
  ]);
  const prices: PriceReport[] = [];
  for (const product of products) {
    const result = await deps.market.report(product, store);
    if ('report' in result) prices.push(result.report);
  }
  return storeInsights({
    today,
    products,
    sales,
    forecasts: batch.forecasts,
    festivals: festivalWindows(today, addDays(today, 30), { state: store.state }),
    prices,
    accuracy,
  });
}

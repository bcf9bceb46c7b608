/**
 * Forecast endpoints of the caller's store:
 * - `GET /forecast/store`: today's batch for every product (run now if there is none);
 * - `POST /forecast/generate`: queue a fresh whole-store batch, answer 202 with the job;
 * - `GET /forecast/jobs/{id}`: that job's state and progress;
 * - `GET /forecast/accuracy`: forecast against actual per product (MASE, MAPE, bias, coverage);
 * - `GET /forecast/{sku}`: one product, explanation and order advice in the owner's language.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { describeForecast, translator } from '../../bot/index.js';
import { addDays, todayIn } from '../../domain/dates.js';
import type { Forecast } from '../../domain/forecast.js';
import { summariseAccuracy } from '../../engines/insights/index.js';
import { forecastJobId, QUEUES, type ForecastJob, type ForecastJobResult } from '../../domain/jobs.js';
import { LANGUAGES, type Language } from '../../domain/language.js';
import type { ForecastService } from '../../forecasting/service.js';
import type { QueueBackend } from '../../queue/queue.port.js';
import type { SalesAnalytics } from '../../storage/analytics.port.js';
import type { Repositories } from '../../storage/repositories.js';
import { callerOf } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { AccuracyQuery, forecastOperations as ops, ForecastQuery } from '../schemas/index.js';

export function forecastRoutes(deps: { repos: Repositories; analytics: SalesAnalytics; forecasts: ForecastService; queues: QueueBackend }): Router {
  const router = Router();
  const mount = mountOn(router);
  const jobs = deps.queues.queue<ForecastJob, ForecastJobResult>(QUEUES.forecasts);

  mount(ops.store, async (_req, res) => {
    const { storeId } = callerOf(res);
    res.json(await deps.forecasts.storeForecasts(storeId));
  });

  mount(ops.generate, async (_req, res) => {
    const { storeId } = callerOf(res);
    const id = forecastJobId(storeId, `${Date.now()}-${randomBytes(3).toString('hex')}`);
    await jobs.add('request', { storeId, reason: 'request' }, { jobId: id, attempts: 2 });
    res.status(202).location(`/api/v1/forecast/jobs/${id}`).json({ jobId: id, state: 'waiting', progress: 0, statusUrl: `/api/v1/forecast/jobs/${id}` });
  });

  mount(ops.job, async (req, res) => {
    const { storeId } = callerOf(res);
    const id = String(req.params.id);
    // Another store's job is as unknown to this caller as a job that never was.
    const status = id.startsWith(forecastJobId(storeId, '')) ? await jobs.status(id) : undefined;
    if (!status) return sendProblem(res, 404, 'FORECAST.JOB_NOT_FOUND', 'No such forecast job (finished jobs are kept for an hour).');
    res.json(status);
  });

  mount(ops.accuracy, accuracyHandler(deps, (_req, res) => callerOf(res).storeId));

  mount(ops.product, async (req, res) => {
    const parsed = ForecastQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'FORECAST.INVALID_REQUEST', `horizon must be a whole number of days from 1 to 14; lang one of ${LANGUAGES.join(', ')}.`);
    const { storeId } = callerOf(res);
    const sku = String(req.params.sku);
    const [store, product] = await Promise.all([deps.repos.stores.get({ storeId }), deps.repos.products.get({ storeId, sku })]);
    if (!store) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'Your store no longer exists.');
    if (!product) return sendProblem(res, 404, 'PRODUCT.NOT_FOUND', `No product with SKU ${sku} in your store.`);
    const forecast = await deps.forecasts.productForecast(storeId, sku);
    const language: Language = parsed.data.lang ?? store.language;
    const text = describeForecast(await translator(language), language, forecast, product);
    const out: Forecast & { language: Language; recommendation: Forecast['recommendation'] & { text: string } } = {
      ...forecast,
      forecast: forecast.forecast.slice(0, parsed.data.horizon),
      explanation: text.explanation,
      recommendation: { ...forecast.recommendation, text: text.recommendation },
      language,
    };
    res.json(out);
  });
  return router;
}

/**
 * Forecast against actual for a store (the caller's, or any for an admin): per product and
 * overall, over target days [from, to] (default the last 28 days).
 */
export function accuracyHandler(deps: { repos: Repositories; analytics: SalesAnalytics }, storeIdOf: (req: Request, res: Response) => string) {
  return async (req: Request, res: Response) => {
    const parsed = AccuracyQuery.safeParse(req.query);
    if (!parsed.success) return sendProblem(res, 400, 'FORECAST.INVALID_REQUEST', 'from and to must be ISO dates (YYYY-MM-DD); step a whole number of days from 0 to 13.');
    const storeId = storeIdOf(req, res);
    const store = await deps.repos.stores.get({ storeId });
    if (!store) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'No such store.');
    const to = parsed.data.to ?? addDays(todayIn(store.timezone), -1);
    const from = parsed.data.from ?? addDays(to, -27);
    if (from > to) return sendProblem(res, 400, 'FORECAST.INVALID_REQUEST', 'from must not be after to.');
    const products = await deps.analytics.forecastAccuracy(storeId, { from, to, step: parsed.data.step });
    res.json({ storeId, from, to, step: parsed.data.step, overall: summariseAccuracy(products), products });
  };
}

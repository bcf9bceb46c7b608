/** Forecasts: one product's, the store's batch, batch jobs, and accuracy. */
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.js';
import { operation } from '../operation.js';
import { AccuracySummary, IsoDay, LangQuery, Language, ProductAccuracy, QUEUE_DOWN, Sku, StoreId, Timestamp } from './common.js';

const Confidence = z.enum(['high', 'medium', 'low']);

export const ForecastPoint = z
  .strictObject({
    date: IsoDay,
    quantity: z.number(),
    lower: z.number().meta({ description: '80 % interval.' }),
    upper: z.number(),
    lower95: z.number().meta({ description: '95 % interval.' }),
    upper95: z.number(),
    confidence: Confidence,
  })
  .meta({ id: 'ForecastPoint' });

export const ForecastFactor = z
  .strictObject({
    name: z.enum(['day_of_week', 'event', 'price', 'trend', 'stock_outs', 'new_product', 'season']),
    effect: z.number().meta({ description: 'Relative change it makes (0.18 = +18 %); 0 for notes.' }),
    label: z.string().optional(),
    days: z.number().optional(),
    priceChange: z.number().optional(),
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    detail: z.string(),
  })
  .meta({ id: 'ForecastFactor', description: 'What moved a forecast.' });

export const ReorderRecommendation = z
  .strictObject({
    orderQuantity: z.number().meta({ description: 'Units to order now.' }),
    leadTimeDays: z.number().int(),
    expectedDemand: z.number(),
    safetyStock: z.number(),
    serviceLevel: z.number(),
    stockOnHand: z.number(),
  })
  .meta({ id: 'ReorderRecommendation' });

/** The design's forecast JSON for one product. */
export const Forecast = z
  .strictObject({
    sku: Sku,
    generatedAt: Timestamp,
    model: z.string().meta({ example: 'weekly_smoothing' }),
    forecast: z.array(ForecastPoint),
    confidence_level: Confidence,
    explanation: z.string(),
    factors: z.array(ForecastFactor),
    recommendation: ReorderRecommendation,
    backtest: z.strictObject({ mase: z.number().nullable(), coverage80: z.number().nullable() }).nullable(),
    cleaning: z.strictObject({ days: z.number(), gaps: z.number(), duplicates: z.number(), negatives: z.number(), stockOutDays: z.number(), spikes: z.number() }),
  })
  .meta({ id: 'Forecast' });

/** `GET /forecast/{sku}`: the forecast with its explanation and advice in the owner's language. */
export const ProductForecast = Forecast.extend({
  language: Language,
  recommendation: ReorderRecommendation.extend({ text: z.string().meta({ description: 'The order advice in words.' }) }),
}).meta({ id: 'ProductForecast' });

export const StoreForecastBatch = z
  .strictObject({
    storeId: StoreId,
    date: IsoDay.meta({ description: 'The first forecast day.' }),
    generatedAt: Timestamp,
    horizon: z.number().int(),
    forecasts: z.array(Forecast),
    failed: z.array(z.strictObject({ sku: Sku, error: z.string() })),
    seconds: z.number(),
  })
  .meta({ id: 'StoreForecastBatch' });

export const ForecastQuery = LangQuery.extend({ horizon: z.coerce.number().int().min(1).max(14).default(7).meta({ description: 'Days, 1 to 14.' }) });

export const AccuracyQuery = z.object({
  from: z.string().refine(isIsoDate, 'an ISO date (YYYY-MM-DD)').optional().meta({ format: 'date', description: 'First target day (default: 27 days before `to`).' }),
  to: z.string().refine(isIsoDate, 'an ISO date (YYYY-MM-DD)').optional().meta({ format: 'date', description: 'Last target day (default: yesterday).' }),
  step: z.coerce.number().int().min(0).max(13).default(0).meta({ description: 'Days between the batch and the target day.' }),
});

export const AccuracyReport = z
  .strictObject({ storeId: StoreId, from: IsoDay, to: IsoDay, step: z.number().int(), overall: AccuracySummary.nullable(), products: z.array(ProductAccuracy) })
  .meta({ id: 'AccuracyReport' });

const JobState = z.enum(['waiting', 'delayed', 'active', 'completed', 'failed']);

export const ForecastJobAccepted = z
  .strictObject({ jobId: z.string(), state: z.literal('waiting'), progress: z.number(), statusUrl: z.string() })
  .meta({ id: 'ForecastJobAccepted' });

export const ForecastJobStatus = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    state: JobState,
    progress: z.number().meta({ description: '0 to 100.' }),
    attempts: z.number().int(),
    result: z.strictObject({ storeId: StoreId, date: IsoDay, products: z.number().int(), failed: z.number().int(), seconds: z.number() }).optional(),
    error: z.string().optional(),
    finishedAt: Timestamp.optional(),
  })
  .meta({ id: 'ForecastJobStatus' });

const SkuParams = z.object({ sku: Sku });

export const forecastOperations = {
  store: operation({
    operationId: 'getStoreForecast', method: 'get', path: '/forecast/store', tag: 'forecast', access: 'store',
    summary: 'Today’s forecast of every product (run now if there is none)',
    responses: { 200: { description: 'The store’s batch.', schema: StoreForecastBatch } },
  }),
  generate: operation({
    operationId: 'generateForecasts', method: 'post', path: '/forecast/generate', tag: 'forecast', access: 'store',
    summary: 'Queue a fresh whole-store batch',
    responses: { 202: { description: 'Queued; poll `statusUrl`.', schema: ForecastJobAccepted, headers: z.object({ Location: z.string().meta({ description: 'The job’s status URL.' }) }) } },
    problems: { 503: QUEUE_DOWN },
  }),
  job: operation({
    operationId: 'getForecastJob', method: 'get', path: '/forecast/jobs/{id}', tag: 'forecast', access: 'store',
    summary: 'A forecast job’s state and progress',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: 'The job.', schema: ForecastJobStatus } },
    problems: { 404: ['FORECAST.JOB_NOT_FOUND'], 503: QUEUE_DOWN },
  }),
  accuracy: operation({
    operationId: 'getForecastAccuracy', method: 'get', path: '/forecast/accuracy', tag: 'forecast', access: 'store',
    summary: 'Forecast against actual, per product and overall',
    request: { query: AccuracyQuery },
    responses: { 200: { description: 'MAE, MASE, MAPE, bias and interval coverage.', schema: AccuracyReport } },
    problems: { 400: ['FORECAST.INVALID_REQUEST'] },
  }),
  product: operation({
    operationId: 'getProductForecast', method: 'get', path: '/forecast/{sku}', tag: 'forecast', access: 'store',
    summary: 'One product’s forecast, explanation and order advice',
    request: { params: SkuParams, query: ForecastQuery },
    responses: { 200: { description: 'The forecast.', schema: ProductForecast } },
    problems: { 400: ['FORECAST.INVALID_REQUEST'], 404: ['PRODUCT.NOT_FOUND'], 422: ['FORECAST.NO_HISTORY'] },
  }),
};

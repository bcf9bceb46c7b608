/** `GET /insights`: the store at a glance. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { AccuracySummary, IsoDay, Sku } from './common.js';
import { AnomalyKind, Position } from './prices.js';

const Mover = z.strictObject({
  sku: Sku,
  name: z.string(),
  lastWeek: z.number(),
  weekBefore: z.number(),
  change: z.number().meta({ description: 'Relative change (0.4 = +40 %).' }),
});

export const StoreInsights = z
  .strictObject({
    today: IsoDay,
    topMovers: z.strictObject({ up: z.array(Mover), down: z.array(Mover) }),
    stockOutRisk: z.array(
      z.strictObject({ sku: Sku, name: z.string(), stock: z.number(), daysOfCover: z.number(), leadTimeDays: z.number().int(), orderQuantity: z.number() }),
    ),
    slowMovers: z.array(z.strictObject({ sku: Sku, name: z.string(), stock: z.number(), soldLast28Days: z.number(), daysOfCover: z.number().nullable() })),
    upcomingFestivals: z.array(z.strictObject({ festival: z.string(), start: IsoDay, peak: IsoDay, daysAway: z.number().int() })),
    priceAlerts: z.array(
      z.strictObject({ sku: Sku, name: z.string(), position: Position, anomalies: z.array(AnomalyKind), suggestedPrice: z.number().nullable(), asOf: IsoDay, stale: z.boolean() }),
    ),
    accuracy: AccuracySummary.nullable(),
  })
  .meta({ id: 'StoreInsights' });

export const insightsOperations = {
  insights: operation({
    operationId: 'getInsights', method: 'get', path: '/insights', tag: 'insights', access: 'store',
    summary: 'Movers, stock-out risk, slow movers, festivals, price alerts, forecast accuracy',
    responses: { 200: { description: 'The store’s insights today.', schema: StoreInsights } },
  }),
};

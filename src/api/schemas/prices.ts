/** Market prices: one product against the market, and each source's freshness. */
import { z } from 'zod';
import { MARKET_COMMODITIES, POSITIONS } from '../../domain/prices.js';
import { operation } from '../operation.js';
import { IsoDay, LangQuery, Language, Sku, Timestamp } from './common.js';

export const Position = z.enum(POSITIONS).meta({ id: 'PricePosition' });
export const AnomalyKind = z.enum(['far_from_market', 'own_price_jump', 'margin_squeeze', 'market_spike']);

/** The design's price report, with sources and freshness. Amounts in rupees; shares as fractions. */
export const PriceReport = z
  .strictObject({
    sku: Sku,
    commodity: z.enum(MARKET_COMMODITIES),
    current_price: z.number().meta({ description: 'Per pack.' }),
    price_per_unit: z.number().meta({ description: 'Per kg or litre.' }),
    unit: z.enum(['kg', 'litre']),
    market_avg: z.number(),
    market_range: z.tuple([z.number(), z.number()]),
    basis: z.enum(['retail', 'wholesale_estimate']),
    wholesale_avg: z.number().nullable(),
    scope: z.enum(['district', 'state', 'national']),
    position: Position,
    margin: z.strictObject({ on_cost: z.number(), on_wholesale: z.number().nullable() }),
    recommendation: z.strictObject({
      action: z.enum(['keep', 'lower', 'raise', 'review_cost']),
      suggested_price: z.number().nullable(),
      margin_at_suggested: z.number().nullable(),
      vs_market_at_suggested: z.number().nullable(),
      target_margin: z.number(),
      reason: z.string(),
    }),
    anomalies: z.array(z.strictObject({ kind: AnomalyKind, change: z.number(), detail: z.string() })),
    sources: z.array(z.strictObject({ name: z.string(), market: z.string(), date: IsoDay })),
    as_of: IsoDay,
    stale: z.boolean(),
  })
  .meta({ id: 'PriceReport' });

/** `GET /prices/{sku}`: the report and the same in words. */
export const ProductPrice = PriceReport.extend({ language: Language, text: z.string() }).meta({ id: 'ProductPrice' });

export const SourceStatus = z
  .strictObject({
    ok: z.boolean(),
    triedAt: Timestamp,
    fetchedAt: Timestamp.optional(),
    error: z.string().optional(),
    quotes: z.number().int(),
    asOf: IsoDay.optional(),
  })
  .meta({ id: 'PriceSourceStatus' });

export const PriceStatus = z
  .strictObject({ sources: z.record(z.string(), SourceStatus).meta({ description: 'By source name (`agmarknet`, `dca_retail`, `bundled`, …).' }) })
  .meta({ id: 'PriceStatus' });

export const PriceQuery = LangQuery;

export const priceOperations = {
  status: operation({
    operationId: 'getPriceStatus', method: 'get', path: '/prices/status', tag: 'prices', access: 'store',
    summary: 'Each market source’s last refresh',
    responses: { 200: { description: 'Sources and their freshness.', schema: PriceStatus } },
  }),
  product: operation({
    operationId: 'getProductPrice', method: 'get', path: '/prices/{sku}', tag: 'prices', access: 'store',
    summary: 'One product’s price against the market near the store',
    request: { params: z.object({ sku: Sku }), query: PriceQuery },
    responses: { 200: { description: 'The report, with margin advice and anomalies.', schema: ProductPrice } },
    problems: {
      400: ['PRICE.INVALID_REQUEST'],
      404: ['PRODUCT.NOT_FOUND'],
      422: ['PRICE.NO_COMMODITY', 'PRICE.NO_PACK_SIZE', 'PRICE.NO_MARKET_DATA'],
    },
  }),
};

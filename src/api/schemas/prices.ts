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

export const PriceList = z
  .strictObject({
    items: z.array(PriceReport.extend({ name: z.string() })).meta({ description: 'Products the market covers, each with its report.' }),
    unmapped: z.array(z.strictObject({ sku: Sku, name: z.string(), reason: z.enum(['no_commodity', 'no_pack_size', 'no_market_data']) })),
  })
  .meta({ id: 'PriceList' });

export const MarketQuery = z.object({ commodity: z.string().max(40).optional().meta({ description: 'Only this commodity (`onion`, `tur_dal`, …).' }) });
export const MarketTable = z
  .strictObject({
    asOf: IsoDay.nullable(),
    stale: z.boolean(),
    items: z.array(
      z.strictObject({
        commodity: z.string(),
        level: z.enum(['retail', 'wholesale']),
        market: z.string(),
        district: z.string().optional(),
        state: z.string().optional(),
        source: z.string(),
        date: IsoDay,
        price: z.number().meta({ description: 'Rupees per unit (the modal price).' }),
        unit: z.enum(['kg', 'litre']),
      }),
    ),
  })
  .meta({ id: 'MarketTable' });

export const priceOperations = {
  list: operation({
    operationId: 'listPrices', method: 'get', path: '/prices', tag: 'prices', access: 'store',
    summary: 'Every product’s price against the market near the store',
    responses: { 200: { description: 'Reports, and the products the market does not cover.', schema: PriceList } },
  }),
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
  market: operation({
    operationId: 'getMarketTable', method: 'get', path: '/admin/market', tag: 'admin', access: 'admin',
    summary: 'Market prices: commodities × markets, with sources and dates',
    request: { query: MarketQuery },
    responses: { 200: { description: 'The current figures, newest snapshot.', schema: MarketTable } },
    problems: { 400: ['MARKET.INVALID_REQUEST'] },
  }),
};

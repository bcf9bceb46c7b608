/** The caller's store: profile, settings, product stock settings, sales uploads, API keys. */
import { z } from 'zod';
import { UNITS } from '../../domain/product.js';
import { operation } from '../operation.js';
import { IsoDay, Language, Sku, StoreId, Timestamp } from './common.js';

export const StoreProfile = z
  .strictObject({
    storeId: StoreId,
    name: z.string(),
    city: z.string(),
    state: z.string().meta({ description: 'ISO 3166-2:IN code without the country.', example: 'MH' }),
    language: Language,
    timezone: z.string(),
    serviceLevel: z.number(),
    targetMargin: z.number(),
    products: z.array(
      z.strictObject({
        sku: Sku,
        name: z.string(),
        unit: z.enum(UNITS),
        price: z.number(),
        stock: z.number(),
        leadTimeDays: z.number().int(),
        category: z.string(),
        canonical: z.string().nullable().meta({ description: 'The built-in product it maps to (`milk`, `tur_dal`, …).' }),
        aliases: z.array(z.string()).meta({ description: 'What the owner calls it in chat, besides the built-in names.' }),
      }),
    ),
  })
  .meta({ id: 'StoreProfile' });

export const SettingsRequest = z
  .strictObject({
    /** Share of deliveries that should arrive before the shelf is empty (safety stock). */
    serviceLevel: z.number().min(0.5).max(0.999).optional(),
    /** The margin on cost the price advice aims for, as a share of the price. */
    targetMargin: z.number().min(0).max(0.9).optional(),
  })
  .refine((b) => b.serviceLevel !== undefined || b.targetMargin !== undefined, 'give serviceLevel or targetMargin')
  .meta({ id: 'SettingsRequest' });
export const Settings = z.strictObject({ storeId: StoreId, serviceLevel: z.number(), targetMargin: z.number() }).meta({ id: 'Settings' });

export const ProductSettingsRequest = z
  .strictObject({
    leadTimeDays: z.number().int().min(0).max(60).optional(),
    stock: z.number().nonnegative().max(1_000_000).optional(),
    price: z.number().positive().max(100_000).optional().meta({ description: 'Rupees per pack.' }),
    aliases: z.array(z.string().trim().min(1).max(60)).max(30).optional().meta({ description: 'What owners call it in chat, in any language.' }),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give leadTimeDays, stock, price or aliases')
  .meta({ id: 'ProductSettingsRequest' });
export const ProductSettings = z
  .strictObject({ sku: Sku, leadTimeDays: z.number().int(), stock: z.number(), price: z.number(), aliases: z.array(z.string()) })
  .meta({ id: 'ProductSettings' });

/** A JSON sales upload; CSV has the same columns (`date,sku,qty[,price]`). */
const SaleRow = z.looseObject({ date: z.string(), sku: Sku, qty: z.number(), price: z.number().optional() });
export const SalesJsonUpload = z.union([z.array(SaleRow), z.strictObject({ sales: z.array(SaleRow) })]).meta({ id: 'SalesJsonUpload' });

export const SalesUploadResult = z
  .strictObject({
    rows: z.number().int(),
    skus: z.number().int(),
    from: IsoDay,
    to: IsoDay,
    months: z.array(z.string()).meta({ description: 'The months of the sales lake the upload wrote.' }),
    added: z.number().int(),
    replaced: z.number().int(),
  })
  .meta({ id: 'SalesUploadResult' });

export const UploadQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().transform((v) => v === 'true').meta({ description: 'Only check the file: report its rows or its problems, write nothing.' }),
});
export const SalesCheckResult = z
  .strictObject({ rows: z.number().int(), skus: z.number().int(), from: IsoDay, to: IsoDay, dryRun: z.literal(true) })
  .meta({ id: 'SalesCheckResult' });

export const SalesQuery = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  sku: Sku.optional(),
});
export const SalesSeries = z
  .strictObject({
    from: IsoDay,
    to: IsoDay,
    sku: Sku.optional(),
    series: z.array(z.strictObject({ date: IsoDay, units: z.number(), revenue: z.number() })).meta({ description: 'One row per day, days without sales included.' }),
  })
  .meta({ id: 'SalesSeries' });

export const storeOperations = {
  sales: operation({
    operationId: 'getSales', method: 'get', path: '/store/sales', tag: 'store', access: 'store',
    summary: 'Daily sales: the store’s total or one product’s (default the last 90 days)',
    request: { query: SalesQuery },
    responses: { 200: { description: 'Units and revenue per day.', schema: SalesSeries } },
    problems: { 400: ['SALES.INVALID_REQUEST'], 404: ['PRODUCT.NOT_FOUND'] },
  }),
  profile: operation({
    operationId: 'getStoreProfile', method: 'get', path: '/store/profile', tag: 'store', access: 'store',
    summary: 'The store and its catalogue',
    responses: { 200: { description: 'The profile.', schema: StoreProfile } },
  }),
  settings: operation({
    operationId: 'updateStoreSettings', method: 'patch', path: '/store/settings', tag: 'store', access: 'store',
    summary: 'Set the service level and target margin',
    request: { body: { 'application/json': SettingsRequest } },
    responses: { 200: { description: 'The settings now.', schema: Settings } },
    problems: { 400: ['STORE.INVALID_SETTINGS'] },
  }),
  product: operation({
    operationId: 'updateProductSettings', method: 'patch', path: '/store/products/{sku}', tag: 'store', access: 'store',
    summary: 'Set a product’s price, stock, lead time or aliases',
    request: { params: z.object({ sku: Sku }), body: { 'application/json': ProductSettingsRequest } },
    responses: { 200: { description: 'The product’s settings now.', schema: ProductSettings } },
    problems: { 400: ['PRODUCT.INVALID_SETTINGS'], 404: ['PRODUCT.NOT_FOUND'] },
  }),
  upload: operation({
    operationId: 'uploadSales', method: 'post', path: '/store/data', tag: 'store', access: 'store',
    summary: 'Upload sales (CSV or JSON)',
    description: 'Rows for a day and product replace what was there. Nothing is imported when any row has a problem.',
    request: { query: UploadQuery, body: { 'text/csv': z.string().meta({ example: 'date,sku,qty,price\n2025-11-25,MILK-500,42,28' }), 'application/json': SalesJsonUpload } },
    responses: { 200: { description: 'With `dryRun=true`: the file is valid; nothing was written.', schema: SalesCheckResult }, 201: { description: 'What was imported.', schema: SalesUploadResult } },
    problems: { 400: ['INGEST.EMPTY', 'INGEST.INVALID_REQUEST'], 415: ['INGEST.UNSUPPORTED_TYPE'], 422: ['INGEST.INVALID_FILE', 'INGEST.INVALID_ROWS'] },
  }),
};

export const NewApiKeyRequest = z.strictObject({ label: z.string().trim().min(1).max(60).meta({ example: 'billing machine' }) }).meta({ id: 'NewApiKeyRequest' });

export const ApiKeyList = z
  .strictObject({
    keys: z.array(z.strictObject({ keyId: z.string(), label: z.string(), role: z.enum(['owner', 'admin']), createdAt: Timestamp, revokedAt: Timestamp.optional() })),
  })
  .meta({ id: 'ApiKeyList' });

export const NewApiKey = z
  .strictObject({ key: z.string().meta({ description: 'Shown once: only its hash is kept.' }), keyId: z.string(), label: z.string(), createdAt: Timestamp, note: z.string() })
  .meta({ id: 'NewApiKey' });

export const keyOperations = {
  list: operation({
    operationId: 'listApiKeys', method: 'get', path: '/store/api-keys', tag: 'store', access: 'store',
    summary: 'The store’s API keys (never the keys themselves)',
    responses: { 200: { description: 'Keys by id.', schema: ApiKeyList } },
  }),
  create: operation({
    operationId: 'createApiKey', method: 'post', path: '/store/api-keys', tag: 'store', access: 'store',
    summary: 'Make an API key that acts for the store’s owner',
    request: { body: { 'application/json': NewApiKeyRequest } },
    responses: { 201: { description: 'The new key, shown once.', schema: NewApiKey } },
    problems: { 400: ['API_KEY.INVALID_REQUEST'], 409: ['API_KEY.NO_OWNER'] },
  }),
  revoke: operation({
    operationId: 'revokeApiKey', method: 'delete', path: '/store/api-keys/{keyId}', tag: 'store', access: 'store',
    summary: 'Revoke an API key at once',
    request: { params: z.object({ keyId: z.string() }) },
    responses: { 204: { description: 'Revoked (or already was).' } },
    problems: { 404: ['API_KEY.NOT_FOUND'] },
  }),
};

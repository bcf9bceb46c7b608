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
  })
  .refine((b) => b.leadTimeDays !== undefined || b.stock !== undefined, 'give leadTimeDays or stock')
  .meta({ id: 'ProductSettingsRequest' });
export const ProductSettings = z.strictObject({ sku: Sku, leadTimeDays: z.number().int(), stock: z.number() }).meta({ id: 'ProductSettings' });

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

export const storeOperations = {
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
    summary: 'Set a product’s lead time and stock',
    request: { params: z.object({ sku: Sku }), body: { 'application/json': ProductSettingsRequest } },
    responses: { 200: { description: 'The product’s settings now.', schema: ProductSettings } },
    problems: { 400: ['PRODUCT.INVALID_SETTINGS'], 404: ['PRODUCT.NOT_FOUND'] },
  }),
  upload: operation({
    operationId: 'uploadSales', method: 'post', path: '/store/data', tag: 'store', access: 'store',
    summary: 'Upload sales (CSV or JSON)',
    description: 'Rows for a day and product replace what was there. Nothing is imported when any row has a problem.',
    request: { body: { 'text/csv': z.string().meta({ example: 'date,sku,qty,price\n2025-11-25,MILK-500,42,28' }), 'application/json': SalesJsonUpload } },
    responses: { 201: { description: 'What was imported.', schema: SalesUploadResult } },
    problems: { 400: ['INGEST.EMPTY'], 415: ['INGEST.UNSUPPORTED_TYPE'], 422: ['INGEST.INVALID_FILE', 'INGEST.INVALID_ROWS'] },
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

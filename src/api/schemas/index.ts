/**
 * The API's contract: request and response schemas and the operations that bind them to routes.
 * `OPERATIONS` is what the OpenAPI document is written from; the routes mount the same objects.
 */
import type { Operation } from '../operation.js';
import { adminOperations } from './admin.js';
import { authOperations } from './auth.js';
import { chatOperations } from './chat.js';
import { forecastOperations } from './forecast.js';
import { insightsOperations } from './insights.js';
import { conversationOperations, messageOperations } from './messages.js';
import { priceOperations } from './prices.js';
import { keyOperations, storeOperations } from './store.js';

export * from './admin.js';
export * from './auth.js';
export * from './chat.js';
export * from './common.js';
export * from './forecast.js';
export * from './insights.js';
export * from './messages.js';
export * from './prices.js';
export * from './store.js';

/** Every operation of `/api/v1`, grouped as the document lists them. */
export const OPERATIONS: readonly Operation[] = [
  authOperations, chatOperations, forecastOperations, priceOperations, insightsOperations,
  storeOperations, keyOperations, conversationOperations, messageOperations, adminOperations,
].flatMap((group) => Object.values(group));

/** Intent → handler. Every intent has one; stop and start are handled before routing, by channel. */
import type { Handler } from './context.js';
import { addProduct } from './handlers/add-product.js';
import { forecast } from './handlers/forecast.js';
import { insights } from './handlers/insights.js';
import { changeLanguage } from './handlers/language.js';
import { logSale, logStock } from './handlers/log.js';
import { priceCheck, setPrice } from './handlers/prices.js';
import { reorder } from './handlers/reorder.js';
import { greeting, help, unknown } from './handlers/simple.js';
import { undo } from './handlers/undo.js';
import type { Intent } from './intents.js';

const handlers: Record<Intent, Handler> = {
  forecast, reorder, price_check: priceCheck, set_price: setPrice, log_sale: logSale, log_stock: logStock,
  insights, add_product: addProduct, help, greeting, change_language: changeLanguage, undo, unknown,
  // On the web there is no subscription to stop; these reach here only from there.
  stop: help, start: help, onboarding: help,
};

export function handlerFor(intent: Intent): Handler {
  return handlers[intent];
}

/** Intents that are about one product: an ambiguous product is clarified before they run. */
export const NEEDS_PRODUCT = new Set<Intent>(['forecast', 'reorder', 'price_check', 'set_price', 'log_sale', 'log_stock']);

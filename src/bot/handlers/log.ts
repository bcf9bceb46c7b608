/**
 * Sales and stock by chat: "aaj 20 packet dudh bika", "50 kilo aata aaya", "stock mein 40 kg
 * chawal hai". Applied at once when the parse is sure and the number looks normal; otherwise the
 * owner is asked to confirm first. Every entry can be taken back with `undo`.
 */
import { addDays, type IsoDate } from '../../domain/dates.js';
import { newSeq } from '../../domain/ids.js';
import type { PendingAction } from '../../domain/message.js';
import type { Product, Unit } from '../../domain/product.js';
import type { Handler, TurnContext } from '../context.js';
import { formatQuantity, formatWhen } from '../format.js';

/** Below this margin the intent was a close call: confirm before writing. */
const SURE_MARGIN = 0.5;

export const logSale: Handler = (ctx) => logEntry(ctx, 'sale');
export const logStock: Handler = (ctx) => logEntry(ctx, ctx.parse.tense === 'past' ? 'stock_add' : 'stock_set');

async function logEntry(ctx: TurnContext, type: PendingAction['type']): Promise<string> {
  const { product } = ctx;
  if (!product) return ctx.parse.product ? ctx.t('forecast.unknownProduct', { examples: ctx.products.slice(0, 5).map((p) => p.name).join(', ') }) : ctx.t('log.needProduct');
  const quantity = ctx.parse.quantity ? inProductUnit(ctx.parse.quantity.value, ctx.parse.quantity.unit, product.unit) : undefined;
  if (quantity === undefined || quantity <= 0) return ctx.t('log.needQuantity', { product: product.name });
  const offset = ctx.parse.day && 'offset' in ctx.parse.day ? Math.min(0, ctx.parse.day.offset) : 0;
  const action: PendingAction = { type, sku: product.sku, quantity, ...(type === 'sale' ? { date: addDays(ctx.today, offset) } : {}) };

  const usual = type === 'sale' ? await usualDailySales(ctx, product) : undefined;
  const unusual = usual !== undefined && quantity > 3 * usual + 5;
  const unsure = ctx.parse.margin < SURE_MARGIN || ctx.parse.product?.fuzzy === true;
  if (unusual || unsure) {
    ctx.ask({ kind: 'confirm', action });
    return [
      confirmText(ctx, action, product),
      ...(unusual ? [ctx.t('log.unusual', { usual: formatQuantity(ctx.t, Math.round(usual!), product.unit) })] : []),
      ctx.t('log.yesNo'),
    ].join('\n');
  }
  return applyAction(ctx, action);
}

/** Writes a confirmed action, records it for undo, and says what was done. */
export async function applyAction(ctx: TurnContext, action: PendingAction): Promise<string> {
  const product = ctx.products.find((p) => p.sku === action.sku);
  if (!product) return ctx.t('log.needProduct');
  const q = (n: number) => formatQuantity(ctx.t, n, product.unit);
  const entry = { conversationId: ctx.conversation.conversationId, entryId: newSeq(ctx.now.getTime()), storeId: ctx.store.storeId, type: action.type, sku: action.sku, quantity: action.quantity, createdAt: ctx.now.toISOString() };
  if (action.type === 'sale') {
    await ctx.sales.add(ctx.store.storeId, product.sku, action.date!, action.quantity, product.price);
    await ctx.repos.chatEntries.put({ ...entry, date: action.date! });
    return ctx.t('log.sale', { quantity: q(action.quantity), product: product.name, when: formatWhen(ctx.t, action.date as IsoDate, ctx.today, ctx.locale) });
  }
  const stock = action.type === 'stock_add' ? round(product.stock + action.quantity) : action.quantity;
  await ctx.repos.products.update({ storeId: ctx.store.storeId, sku: product.sku }, { stock, updatedAt: ctx.now.toISOString() });
  await ctx.repos.chatEntries.put({ ...entry, previousStock: product.stock });
  return action.type === 'stock_add'
    ? ctx.t('log.stockAdded', { product: product.name, quantity: q(action.quantity), stock: q(stock) })
    : ctx.t('log.stockSet', { product: product.name, stock: q(stock) });
}

export function confirmText(ctx: TurnContext, action: PendingAction, product: Product): string {
  const quantity = formatQuantity(ctx.t, action.quantity, product.unit);
  if (action.type === 'sale') return ctx.t('log.confirmSale', { quantity, product: product.name, when: formatWhen(ctx.t, action.date as IsoDate, ctx.today, ctx.locale) });
  return action.type === 'stock_add' ? ctx.t('log.confirmStockAdd', { quantity, product: product.name }) : ctx.t('log.confirmStockSet', { quantity, product: product.name });
}

/** "500 g" of a product sold by the kg is 0.5; "2 litre" of one sold in ml is 2000. */
export function inProductUnit(value: number, unit: string | undefined, productUnit: Unit): number {
  const grams: Record<string, number> = { kg: 1000, g: 1 };
  const millilitres: Record<string, number> = { litre: 1000, ml: 1 };
  if (unit && grams[unit] && grams[productUnit]) return round((value * grams[unit]!) / grams[productUnit]!);
  if (unit && millilitres[unit] && millilitres[productUnit]) return round((value * millilitres[unit]!) / millilitres[productUnit]!);
  return value;
}

async function usualDailySales(ctx: TurnContext, product: Product): Promise<number | undefined> {
  const sales = await ctx.analytics.dailySales(ctx.store.storeId, { skus: [product.sku], from: addDays(ctx.today, -28) });
  if (sales.length < 7) return undefined;
  return sales.reduce((a, s) => a + s.qty, 0) / 28;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** "undo", "galti ho gayi": takes back the last sale or stock entry made in this chat. */
import type { IsoDate } from '../../domain/dates.js';
import type { Handler } from '../context.js';
import { formatQuantity, formatWhen } from '../format.js';

export const undo: Handler = async (ctx) => {
  const recent = await ctx.repos.chatEntries.query({ partition: ctx.conversation.conversationId, descending: true, limit: 10 });
  const entry = recent.items.find((e) => !e.undoneAt);
  if (!entry) return ctx.t('log.nothingToUndo');
  const product = ctx.products.find((p) => p.sku === entry.sku);
  const unit = product?.unit ?? 'piece';
  const name = product?.name ?? entry.sku;
  let described: string;
  if (entry.type === 'sale') {
    await ctx.sales.add(ctx.store.storeId, entry.sku, entry.date!, -entry.quantity, null);
    described = ctx.t('log.entrySale', { quantity: formatQuantity(ctx.t, entry.quantity, unit), product: name, when: formatWhen(ctx.t, entry.date as IsoDate, ctx.today, ctx.locale) });
  } else {
    await ctx.repos.products.update({ storeId: ctx.store.storeId, sku: entry.sku }, { stock: entry.previousStock ?? 0, updatedAt: ctx.now.toISOString() });
    described = ctx.t('log.entryStock', { product: name, stock: formatQuantity(ctx.t, entry.previousStock ?? 0, unit) });
  }
  await ctx.repos.chatEntries.update({ conversationId: entry.conversationId, entryId: entry.entryId }, { undoneAt: ctx.now.toISOString() });
  return ctx.t('log.undone', { entry: described });
};

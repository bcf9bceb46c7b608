/** "naya product add karo: Amul butter 100g": a product added to the catalogue by chat. */
import { CANONICAL_DEFAULTS } from '../../domain/canonical-products.js';
import { UNITS, type Product, type Unit } from '../../domain/product.js';
import type { Handler, TurnContext } from '../context.js';

/** The name is what follows a colon, else the message without its command words. */
function productName(ctx: TurnContext): string | undefined {
  const afterColon = ctx.text.split(/[:：]/).slice(1).join(':').trim();
  const raw = afterColon || ctx.text.replace(/\b(add|new|naya|nayi|product|item|karo|kar do|jodo|please|plz)\b/gi, ' ');
  const name = raw.replace(/[₹]\s*\d+(\.\d+)?/g, ' ').replace(/\s+/g, ' ').trim();
  return name.length >= 2 && name.length <= 80 ? name : undefined;
}

const SKU_SAFE = /[^A-Z0-9]+/g;

export const addProduct: Handler = async (ctx) => {
  const name = productName(ctx);
  if (!name) return ctx.t('product.needName');
  const existing = ctx.products.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (existing) return ctx.t('product.exists', { product: existing.name });
  const canonical = ctx.parse.product?.canonical ?? null;
  const defaults = canonical ? CANONICAL_DEFAULTS[canonical] : undefined;
  const said = ctx.parse.quantity?.unit;
  const unit: Unit = said && (UNITS as readonly string[]).includes(said) && said !== 'dozen' ? (said as Unit) : (defaults?.unit ?? 'piece');
  const base = name.toUpperCase().replace(SKU_SAFE, '-').replace(/^-|-$/g, '').slice(0, 40) || 'ITEM';
  let sku = base;
  for (let n = 2; ctx.products.some((p) => p.sku === sku); n++) sku = `${base}-${n}`;
  const product: Product = {
    storeId: ctx.store.storeId,
    sku,
    name,
    aliases: [],
    unit,
    category: defaults?.category ?? 'other',
    price: ctx.parse.price ?? 0,
    cost: 0,
    stock: 0,
    canonical,
    leadTimeDays: 1,
    updatedAt: ctx.now.toISOString(),
  };
  await ctx.repos.products.put(product, { condition: { notExists: true } });
  return ctx.t('product.added', { product: name, unit: ctx.t(`unitName.${unit}`) });
};

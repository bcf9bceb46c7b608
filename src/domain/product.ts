import { z } from 'zod';
import { CANONICAL_PRODUCTS } from './canonical-products.js';
import { storeIdSchema } from './store.js';

export const UNITS = ['piece', 'packet', 'kg', 'g', 'litre', 'ml', 'dozen', 'box', 'bottle'] as const;
export type Unit = (typeof UNITS)[number];

/** Units sold in whole numbers: forecasts and order quantities for them are integers. */
export function isCountable(unit: Unit): boolean {
  return unit !== 'kg' && unit !== 'g' && unit !== 'litre' && unit !== 'ml';
}

export const skuSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (max 64)');

export const productSchema = z.object({
  storeId: storeIdSchema,
  sku: skuSchema,
  name: z.string().min(1).max(120),
  aliases: z.array(z.string().min(1).max(60)).max(30).default([]),
  unit: z.enum(UNITS),
  category: z.string().min(1).max(40),
  /** Selling price per unit, rupees. */
  price: z.number().nonnegative(),
  /** Purchase cost per unit, rupees. */
  cost: z.number().nonnegative(),
  /** Units on hand. */
  stock: z.number().nonnegative(),
  canonical: z.enum(CANONICAL_PRODUCTS).nullable(),
  /** Days from placing an order to having it on the shelf. */
  leadTimeDays: z.number().int().min(0).max(60).default(1),
  updatedAt: z.string(),
});

export type Product = z.infer<typeof productSchema>;

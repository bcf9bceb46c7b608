import type { IsoDate } from './dates.js';

/** One day's sales of one product. `price` is the average selling price that day, when known. */
export interface Sale {
  date: IsoDate;
  sku: string;
  qty: number;
  price: number | null;
}

/**
 * The most one kirana sells of one product in one day. Larger figures are typing slips
 * ("2000" for "20.00") and would wreck a forecast; the owner is asked to check them instead.
 */
export const MAX_DAILY_QTY = 10_000;

/** Selling prices above this (rupees per unit) are treated as slips too. */
export const MAX_UNIT_PRICE = 100_000;

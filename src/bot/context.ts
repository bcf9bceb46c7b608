/**
 * What a handler sees: the shop, the owner, their products, the understood message, and a
 * translator in the conversation's language. Handlers return text; the turn stores and sends it.
 */
import type { TFunction } from 'i18next';
import type { IsoDate } from '../domain/dates.js';
import type { Language } from '../domain/language.js';
import type { Product } from '../domain/product.js';
import type { Store } from '../domain/store.js';
import type { User } from '../domain/user.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Understanding } from './understand.js';

export interface TurnContext {
  store: Store;
  user: User;
  products: Product[];
  text: string;
  understanding: Understanding;
  language: Language;
  t: TFunction;
  /** The store's local date. */
  today: IsoDate;
  analytics: SalesAnalytics;
}

export type Handler = (ctx: TurnContext) => Promise<string>;

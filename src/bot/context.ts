/**
 * What a handler sees: the shop, the owner, the conversation, the understood message and a
 * translator in the conversation's language. Handlers return the reply text, or the text with
 * the facts behind it; they may leave a pending question for the next message with `ask`.
 */
import type { TFunction } from 'i18next';
import type { Fact } from '../engines/copilot/index.js';
import type { IsoDate } from '../domain/dates.js';
import type { Language } from '../domain/language.js';
import type { Conversation, DialogueState } from '../domain/message.js';
import type { Product } from '../domain/product.js';
import type { Store } from '../domain/store.js';
import type { User } from '../domain/user.js';
import type { ForecastService } from '../forecasting/service.js';
import type { MarketData } from '../market/service.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import type { Parse } from './nlu/index.js';

/** Adds to (or, negative, takes from) a product's sales on a day; returns the day's new total. */
export interface SalesBook {
  add(storeId: string, sku: string, date: IsoDate, delta: number, price: number | null): Promise<number>;
}

export interface TurnContext {
  store: Store;
  user: User;
  conversation: Conversation;
  products: Product[];
  parse: Parse<Product>;
  /** The one product the message is about, once resolved (clarified if it was ambiguous). */
  product?: Product;
  text: string;
  language: Language;
  t: TFunction;
  /** Intl locale for dates in the conversation's language. */
  locale: string;
  /** The store's local date. */
  today: IsoDate;
  now: Date;
  analytics: SalesAnalytics;
  /** The store's forecasts, as the batch computed them (or afresh for a product whose sales changed). */
  forecasts: ForecastService;
  /** Market prices near the store, with their sources. */
  market: MarketData;
  repos: Repositories;
  sales: SalesBook;
  /** Leaves a question open: the next message is read as its answer first. */
  ask(pending: NonNullable<DialogueState['pending']>): void;
}

/** A reply with the facts it was built from: the copilot may phrase it better, using only those. */
export interface Answer {
  text: string;
  facts: Fact[];
}

export type Handler = (ctx: TurnContext) => Promise<string | Answer>;

/** The reply's text, whichever kind a handler returned. */
export const textOf = (reply: string | Answer): string => (typeof reply === 'string' ? reply : reply.text);

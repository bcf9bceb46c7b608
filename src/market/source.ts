/**
 * The market-data port: a source fetches the figures it has now, normalised to quotes. A source
 * that is down, slow or answers garbage throws a `SourceError`; the service then keeps serving
 * the last good figures, marked stale.
 */
import type { MarketQuote, MarketSourceName } from '../domain/prices.js';

export interface MarketSource {
  readonly name: MarketSourceName | 'bundled';
  fetch(): Promise<MarketQuote[]>;
}

export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}

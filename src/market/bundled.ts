/** The bundled snapshot (resources/prices): mandi prices the demo answers from offline. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { MarketQuote } from '../domain/prices.js';
import { quoteFromMandiRecord } from './agmarknet.js';
import type { MarketSource } from './source.js';

export const BUNDLED_SNAPSHOT = fileURLToPath(new URL('../../resources/prices/agmarknet-staples-2025-12-26_27.csv', import.meta.url));

export class BundledSnapshotSource implements MarketSource {
  readonly name = 'bundled' as const;

  constructor(private readonly path = BUNDLED_SNAPSHOT) {}

  async fetch(): Promise<MarketQuote[]> {
    const rows = parse(readFileSync(this.path, 'utf8'), { columns: true }) as unknown[];
    return rows.flatMap((r) => quoteFromMandiRecord(r) ?? []);
  }
}

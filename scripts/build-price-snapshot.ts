/**
 * Builds the bundled market snapshot the demo answers from offline: the staple rows of the
 * data.gov.in AGMARKNET pull of 26–27 Dec 2025 (../shared/datasets/agmarknet-datagov-snapshot-2025-12),
 * in the API's own columns. Government Open Data License – India; see resources/prices/SOURCE.md.
 *
 *   npx tsx scripts/build-price-snapshot.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { quoteFromMandiRecord } from '../src/market/agmarknet.js';
import { SHARED_DATASETS } from '../test/support/shared.js';

const source = join(SHARED_DATASETS, 'agmarknet-datagov-snapshot-2025-12', 'agmarknet_datagov_snapshot_2025-12-26_27.csv');
const rows = parse(readFileSync(source, 'utf8'), { columns: true }) as Array<Record<string, string>>;
const columns = ['state', 'district', 'market', 'commodity', 'variety', 'grade', 'arrival_date', 'min_price', 'max_price', 'modal_price'];
const kept = rows.filter((r) => quoteFromMandiRecord(r) !== undefined);
const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
writeFileSync(
  join(import.meta.dirname, '../resources/prices/agmarknet-staples-2025-12-26_27.csv'),
  `${columns.join(',')}\n${kept.map((r) => columns.map((c) => csv(r[c] ?? '')).join(',')).join('\n')}\n`,
);
console.log(`kept ${kept.length} of ${rows.length} rows`);

/**
 * The forecast CLI's files: `store_id,sku,date,qty,price` sales (CSV, or gzipped CSV) in,
 * `date,name,type` events in, `store_id,sku,date,quantity,lower80,upper80,lower95,upper95` out.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { addDays, isIsoDate, type IsoDate } from '../domain/dates.js';
import type { ProductHistory, SeriesForecast } from '../engines/forecast/index.js';

export class InputError extends Error {}

async function* rows(path: string, required: readonly string[]): AsyncGenerator<{ line: number; row: Record<string, string> }> {
  const file = createReadStream(path);
  const parser = parse({ columns: true, skip_empty_lines: true, trim: true, bom: true });
  (path.endsWith('.gz') ? file.pipe(createGunzip()) : file).pipe(parser);
  file.on('error', (error) => parser.destroy(error));
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line++;
    if (line === 2) {
      const missing = required.filter((c) => !(c in row));
      if (missing.length) throw new InputError(`${path}: missing column(s) ${missing.join(', ')}; expected ${required.join(',')}`);
    }
    yield { line, row };
  }
}

/** Every series of the file, grouped by store, each forecast from the day after its own last date. */
export async function readSales(path: string): Promise<Map<string, ProductHistory[]>> {
  const stores = new Map<string, Map<string, ProductHistory & { history: Array<{ date: IsoDate; qty: number; price: number | null }> }>>();
  for await (const { line, row } of rows(path, ['store_id', 'sku', 'date', 'qty'])) {
    const { store_id: store, sku, date } = row as Record<string, string>;
    const qty = Number(row.qty);
    const price = row.price === undefined || row.price === '' ? null : Number(row.price);
    if (!store || !sku) throw new InputError(`${path} line ${line}: store_id and sku are required`);
    if (!isIsoDate(date ?? '')) throw new InputError(`${path} line ${line}: date "${date}" is not an ISO date (YYYY-MM-DD)`);
    if (row.qty === '' || !Number.isFinite(qty)) throw new InputError(`${path} line ${line}: qty "${row.qty}" is not a number`);
    if (price !== null && !Number.isFinite(price)) throw new InputError(`${path} line ${line}: price "${row.price}" is not a number`);
    let series = stores.get(store);
    if (!series) stores.set(store, (series = new Map()));
    let product = series.get(sku);
    if (!product) series.set(sku, (product = { sku, history: [] }));
    product.history.push({ date: date!, qty, price });
  }
  const out = new Map<string, ProductHistory[]>();
  for (const [store, series] of stores) {
    out.set(
      store,
      [...series.values()].map((p) => {
        const last = p.history.reduce((max, d) => (d.date > max ? d.date : max), p.history[0]!.date);
        return { ...p, start: addDays(last, 1) };
      }),
    );
  }
  return out;
}

export async function readEvents(path: string): Promise<Array<{ date: IsoDate; name: string }>> {
  const events: Array<{ date: IsoDate; name: string }> = [];
  for await (const { line, row } of rows(path, ['date', 'name'])) {
    if (!isIsoDate(row.date ?? '')) throw new InputError(`${path} line ${line}: date "${row.date}" is not an ISO date (YYYY-MM-DD)`);
    if (!row.name) throw new InputError(`${path} line ${line}: name is empty`);
    events.push({ date: row.date!, name: row.name });
  }
  return events;
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes the forecasts, one row per series and day. */
export async function writeForecasts(path: string, forecasts: Iterable<{ storeId: string; forecast: SeriesForecast }>): Promise<number> {
  const out = createWriteStream(path);
  let rowsWritten = 0;
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('store_id,sku,date,quantity,lower80,upper80,lower95,upper95\n');
  for (const { storeId, forecast: f } of forecasts) {
    for (let i = 0; i < f.point.length; i++) {
      const date = addDays(f.start, i);
      const p = f.prediction;
      await write(`${csvField(storeId)},${csvField(f.sku)},${date},${f.point[i]},${p.lo80[i]},${p.hi80[i]},${p.lo95[i]},${p.hi95[i]}\n`);
      rowsWritten++;
    }
  }
  out.end();
  await once(out, 'finish');
  return rowsWritten;
}

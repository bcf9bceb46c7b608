/**
 * npm run -s forecast -- --input sales.csv[.gz] [--events events.csv] [--horizon 7] --output out.csv
 *
 * Forecasts every series of the input from the day after its own last date, using only the
 * input: each store's series are forecast together (they share weekday shape, event lifts and
 * price response). `--events` replaces the built-in Indian festival calendar; `--state MH`
 * picks the regional festivals of a state when it is not given.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { forecastStore, type CalendarSpec, type SeriesForecast } from '../engines/forecast/index.js';
import { InputError, readEvents, readSales, writeForecasts } from './forecast-io.js';

const USAGE = 'usage: npm run -s forecast -- --input <sales.csv|.csv.gz> [--events <events.csv>] [--horizon 7] [--state MH] [--season] --output <out.csv>';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        input: { type: 'string' },
        events: { type: 'string' },
        horizon: { type: 'string', default: '7' },
        state: { type: 'string' },
        season: { type: 'boolean', default: false },
        output: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const horizon = Number(args.horizon);
  const problems = [
    !args.input && '--input is required',
    !args.output && '--output is required',
    !(Number.isInteger(horizon) && horizon >= 1 && horizon <= 366) && `--horizon must be a whole number of days from 1 to 366, got "${args.horizon}"`,
    args.state !== undefined && !/^[A-Z]{2}$/.test(args.state) && `--state must be a two-letter state code such as MH, got "${args.state}"`,
  ].filter(Boolean);
  if (problems.length) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    return 2;
  }

  const t0 = performance.now();
  try {
    const stores = await readSales(args.input!);
    const calendar: CalendarSpec = args.events ? { kind: 'events', events: await readEvents(args.events) } : { kind: 'india', ...(args.state ? { state: args.state } : {}) };
    const results: Array<{ storeId: string; forecast: SeriesForecast }> = [];
    for (const [storeId, products] of stores) {
      for (const forecast of forecastStore(products, { start: products[0]!.start!, horizon, calendar, season: args.season })) results.push({ storeId, forecast });
    }
    const rows = await writeForecasts(args.output!, results);
    console.error(`forecast ${results.length} series in ${stores.size} store(s): ${rows} rows to ${args.output} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      console.error(error.message);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      console.error(`cannot read or write a file: ${(error as Error).message}`);
      return 2;
    }
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
      console.error(`${args.input} is not valid gzip: ${(error as Error).message}`);
      return 2;
    }
    if (error instanceof Error && 'code' in error && String(code).startsWith('CSV_')) {
      console.error(`${args.input}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main();

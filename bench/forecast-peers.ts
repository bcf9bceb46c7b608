/**
 * The npm forecasting packages we measure ourselves against, behind one small interface:
 * `@bsull/augurs` AutoETS and MSTL (WASM), its Prophet with the WASM Stan optimiser, and
 * `arima` (ctsa compiled with Emscripten) in AutoARIMA mode.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ets from '@bsull/augurs/ets';
import * as mstl from '@bsull/augurs/mstl';
import * as prophet from '@bsull/augurs/prophet';
import { optimizer } from '@bsull/augurs-prophet-wasmstan';

/**
 * ctsa and the Stan optimiser print their complaints to stdout even with verbose off. They bind
 * console.log when they load, so the muting wrapper goes in first.
 */
let muted = false;
for (const name of ['log', 'error', 'warn'] as const) {
  const original = console[name].bind(console);
  console[name] = (...args: unknown[]) => void (muted || original(...args));
}
function quietly<T>(run: () => T): T {
  muted = true;
  try {
    return run();
  } finally {
    muted = false;
  }
}

const require = createRequire(import.meta.url);
const augursDir = dirname(require.resolve('@bsull/augurs/ets'));
// The default init fetches the .wasm by URL, which Node cannot; hand each subpath its bytes.
ets.initSync({ module: readFileSync(join(augursDir, 'ets_bg.wasm')) });
mstl.initSync({ module: readFileSync(join(augursDir, 'mstl_bg.wasm')) });
prophet.initSync({ module: readFileSync(join(augursDir, 'prophet_bg.wasm')) });

export interface PeerForecast {
  mean: number[];
  lo80: number[];
  hi80: number[];
}

/** A peer forecasts one series: its daily values (oldest first) and the epoch day of the first. */
export type Peer = (values: number[], firstEpochDay: number, h: number) => PeerForecast;

const clip = (xs: number[]) => xs.map((x) => (Number.isFinite(x) ? Math.max(0, x) : 0));

function fromAugurs(f: { point: number[]; intervals?: { lower: number[]; upper: number[] } | undefined }): PeerForecast {
  const mean = clip(f.point);
  return { mean, lo80: clip(f.intervals?.lower ?? mean), hi80: clip(f.intervals?.upper ?? mean) };
}

export const autoEts: Peer = (values, _first, h) => {
  const model = new ets.AutoETS(7, 'ZZZ');
  try {
    model.fit(values);
    return fromAugurs(model.predict(h, 0.8));
  } finally {
    model.free();
  }
};

export const mstlEts: Peer = (values, _first, h) => {
  const model = mstl.MSTL.ets([7]);
  try {
    model.fit(values);
    return fromAugurs(model.predict(h, 0.8));
  } finally {
    model.free();
  }
};

export const prophetPeer: Peer = (values, first, h) => {
  const day = 86_400;
  const ds = values.map((_, i) => (first + i) * day);
  const model = new prophet.Prophet({ optimizer, intervalWidth: 0.8, uncertaintySamples: 200 });
  try {
    quietly(() => model.fit({ ds, y: values }));
    const future = Array.from({ length: h }, (_, i) => (first + values.length + i) * day);
    return fromAugurs(model.predict({ ds: future }).yhat);
  } finally {
    model.free();
  }
};

interface ArimaModel {
  fit(ts: number[]): ArimaModel;
  predict(h: number): [number[], number[]];
}
const ARIMA = require('arima') as new (options: Record<string, unknown>) => ArimaModel;


export const autoArima: Peer = (values, _first, h) => {
  const [pred, variance] = quietly(() => new ARIMA({ auto: true, s: 7, verbose: false }).fit(values).predict(h));
  const mean = clip(pred);
  const z = 1.2816;
  return { mean, lo80: clip(mean.map((m, i) => m - z * Math.sqrt(variance[i] ?? 0))), hi80: mean.map((m, i) => m + z * Math.sqrt(variance[i] ?? 0)) };
};

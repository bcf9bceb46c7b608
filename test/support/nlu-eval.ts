/** Scores the parser on the labelled owner messages in test/fixtures/nlu (per language and overall). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseForContract, type ContractParse } from '../../src/bot/nlu/index.js';

export interface Labelled extends ContractParse {
  text: string;
}

export interface Scores {
  n: number;
  lang: number;
  intent: number;
  product: number;
  quantity: number;
}

const FIXTURES = join(import.meta.dirname, '../fixtures/nlu');

export function loadEvalSet(prefix = 'eval'): Labelled[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').trim().split('\n'))
    .map((line) => JSON.parse(line) as Labelled);
}

const sameQuantity = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-6);

export function evaluate(items: Labelled[]): { overall: Scores; byLanguage: Map<string, Scores>; misses: Array<{ item: Labelled; got: ContractParse }> } {
  const byLanguage = new Map<string, Scores>();
  const overall: Scores = { n: 0, lang: 0, intent: 0, product: 0, quantity: 0 };
  const misses: Array<{ item: Labelled; got: ContractParse }> = [];
  for (const item of items) {
    const got = parseForContract(item.text);
    const scores = byLanguage.get(item.lang) ?? { n: 0, lang: 0, intent: 0, product: 0, quantity: 0 };
    byLanguage.set(item.lang, scores);
    const hits = {
      lang: got.lang === item.lang,
      intent: got.intent === item.intent,
      product: got.product === item.product,
      quantity: sameQuantity(got.quantity, item.quantity),
    };
    for (const s of [scores, overall]) {
      s.n++;
      for (const k of ['lang', 'intent', 'product', 'quantity'] as const) if (hits[k]) s[k]++;
    }
    if (!hits.intent || !hits.product || !hits.quantity || !hits.lang) misses.push({ item, got });
  }
  return { overall, byLanguage, misses };
}

export function table(result: ReturnType<typeof evaluate>): string {
  const pct = (s: Scores, k: keyof Omit<Scores, 'n'>) => `${((100 * s[k]) / s.n).toFixed(1).padStart(5)}%`;
  const row = (name: string, s: Scores) => `${name.padEnd(8)} ${String(s.n).padStart(4)}  ${pct(s, 'lang')}  ${pct(s, 'intent')}  ${pct(s, 'product')}  ${pct(s, 'quantity')}`;
  return [
    'language    n    lang  intent product quantity',
    ...[...result.byLanguage].sort().map(([lang, s]) => row(lang, s)),
    row('overall', result.overall),
  ].join('\n');
}

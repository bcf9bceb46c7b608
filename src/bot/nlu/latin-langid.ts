/**
 * Hinglish or English? A naive Bayes model over the words of a Latin-script message: word
 * frequencies from real Hinglish queries and their English originals, and, for words neither
 * side has seen ("mangwau"), character trigrams of romanized Hindi and of English words.
 * Built by scripts/build-latin-langid.ts; evaluated on Hinglish-TOP's held-out test split.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Model {
  threshold: number;
  words: { en: Record<string, number>; hi: Record<string, number> };
  trigrams: { en: Record<string, number>; hi: Record<string, number> };
}

interface ClassModel {
  words: Map<string, number>;
  total: number;
  grams: Map<string, number>;
  gramTotal: number;
}

/** Add-α smoothing for words; a word's evidence is capped so one token cannot decide alone. */
const ALPHA = 0.5;
const MAX_WORD_EVIDENCE = 4;
const MAX_GRAM_EVIDENCE = 2.5;

function classModel(words: Record<string, number>, grams: Record<string, number>): ClassModel {
  const w = new Map(Object.entries(words));
  const g = new Map(Object.entries(grams));
  return { words: w, total: [...w.values()].reduce((a, b) => a + b, 0), grams: g, gramTotal: [...g.values()].reduce((a, b) => a + b, 0) };
}

export class LatinLangId {
  private readonly en: ClassModel;
  private readonly hi: ClassModel;
  private readonly vocabulary: number;
  readonly threshold: number;

  constructor(model: Model) {
    this.en = classModel(model.words.en, model.trigrams.en);
    this.hi = classModel(model.words.hi, model.trigrams.hi);
    this.vocabulary = new Set([...this.en.words.keys(), ...this.hi.words.keys()]).size;
    this.threshold = model.threshold;
  }

  /** Evidence for Hinglish over English, summed over the words (positive: Hinglish). */
  score(text: string): number {
    let total = 0;
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) total += this.wordEvidence(word);
    return total;
  }

  /** A word seen at least `times` times in either language's sample of real messages. */
  isCommonWord(word: string, times = 2): boolean {
    return (this.en.words.get(word) ?? 0) >= times || (this.hi.words.get(word) ?? 0) >= times;
  }

  isHinglish(text: string): boolean {
    return this.score(text) > this.threshold;
  }

  wordEvidence(word: string): number {
    const known = this.en.words.has(word) || this.hi.words.has(word);
    if (known) {
      const p = (m: ClassModel) => ((m.words.get(word) ?? 0) + ALPHA) / (m.total + ALPHA * this.vocabulary);
      return clamp(Math.log(p(this.hi) / p(this.en)), MAX_WORD_EVIDENCE);
    }
    const padded = `^${word}$`;
    let llr = 0;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      const p = (m: ClassModel) => ((m.grams.get(g) ?? 0) + 1) / (m.gramTotal + m.grams.size);
      llr += Math.log(p(this.hi) / p(this.en));
    }
    return clamp(llr, MAX_GRAM_EVIDENCE);
  }
}

const clamp = (x: number, limit: number) => Math.max(-limit, Math.min(limit, x));

let shared: LatinLangId | undefined;

/** The bundled model, loaded once. */
export function latinLangId(): LatinLangId {
  shared ??= new LatinLangId(JSON.parse(readFileSync(fileURLToPath(new URL('./data/latin-langid.json', import.meta.url)), 'utf8')));
  return shared;
}

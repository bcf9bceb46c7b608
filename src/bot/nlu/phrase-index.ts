/**
 * Finds lexicon phrases in a token sequence, longest first. Latin words compare by sound key
 * (doodh = dudh), other scripts by their canonical text; a native-script word may also match
 * the start of a longer token, since Dravidian and eastern languages glue case endings on
 * (அரிசியின் = அரிசி + இன்).
 */
import { canonicalText, soundKey, tokenize, type Token } from './normalize.js';

export interface Match<E> {
  start: number;
  length: number;
  entries: E[];
}

/** Scripts whose words often carry their case endings (Marathi in Devanagari does too). */
const AGGLUTINATIVE = /[\u0900-\u0d7f]/;
const MIN_PREFIX = 3;

/** Malayalam chillu letters and their virama spellings. */
const CHILLU: Record<string, string> = { '\u0d7a': '\u0d23', '\u0d7b': '\u0d28', '\u0d7c': '\u0d30', '\u0d7d': '\u0d32', '\u0d7e': '\u0d33' };
const VIRAMA = /[\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d]$/;

/**
 * A word as it starts when a case ending follows: the final virama goes (பால் → பாலின்) and a
 * Malayalam chillu turns back into its consonant (പാൽ → പാലിന്റെ).
 */
export function stem(word: string): string {
  const last = word.at(-1)!;
  if (CHILLU[last]) return word.slice(0, -1) + CHILLU[last];
  if (VIRAMA.test(word)) return word.slice(0, -1);
  // A final vowel sign changes before an ending (कांदा → कांद्याचा, ಹಾಲು → ಹಾಲಿನ): match on the consonants.
  if (VOWEL_SIGN.test(last) && [...word].length >= 4) return word.slice(0, -1);
  return word;
}

/** Dependent vowel signs of the Indic blocks (not anusvara or visarga). */
const VOWEL_SIGN = /[\u093e-\u094c\u09be-\u09cc\u0a3e-\u0a4c\u0abe-\u0acc\u0b3e-\u0b4c\u0bbe-\u0bcc\u0c3e-\u0c4c\u0cbe-\u0ccc\u0d3e-\u0d4c]/;

export function tokenKey(token: Pick<Token, 'text' | 'isLatin'>): string {
  return token.isLatin ? `L:${soundKey(token.text)}` : `N:${token.text}`;
}

export class PhraseIndex<E> {
  private readonly phrases = new Map<string, E[]>();
  /** Single native words that may be a token's prefix, by first character. */
  private readonly prefixes = new Map<string, Array<{ word: string; entries: E[] }>>();
  private maxLength = 1;

  /** `prefix`: may also match the start of a longer native word (for words that take endings). */
  add(phrase: string, entry: E, options: { prefix?: boolean } = { prefix: true }): void {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) return;
    const key = tokens.map(tokenKey).join(' ');
    const list = this.phrases.get(key) ?? [];
    // The same word listed for several languages is one piece of evidence, not several.
    const same = JSON.stringify(entry);
    if (list.some((e) => e === entry || JSON.stringify(e) === same)) return;
    list.push(entry);
    this.phrases.set(key, list);
    this.maxLength = Math.max(this.maxLength, tokens.length);
    const only = tokens[0]!;
    if (options.prefix !== false && tokens.length === 1 && !only.isLatin && AGGLUTINATIVE.test(only.text) && [...only.text].length >= MIN_PREFIX) {
      for (const word of new Set([only.text, stem(only.text)])) {
        const first = [...word][0]!;
        const bucket = this.prefixes.get(first) ?? [];
        if (!bucket.some((p) => p.word === word)) bucket.push({ word, entries: list });
        this.prefixes.set(first, bucket);
      }
    }
  }

  /** Every phrase starting at `start`, longest first (a prefix match last). */
  matchesAt(tokens: Token[], start: number): Array<Match<E>> {
    const out: Array<Match<E>> = [];
    for (let length = Math.min(this.maxLength, tokens.length - start); length >= 1; length--) {
      const entries = this.phrases.get(tokens.slice(start, start + length).map(tokenKey).join(' '));
      if (entries) out.push({ start, length, entries });
    }
    if (out.length === 0) {
      const prefix = this.prefixAt(tokens[start]!);
      if (prefix) out.push({ start, length: 1, entries: prefix });
    }
    return out;
  }

  private prefixAt(token: Token): E[] | undefined {
    if (token.isLatin || token.isNumber) return undefined;
    let best: { word: string; entries: E[] } | undefined;
    for (const candidate of this.prefixes.get([...token.text][0] ?? '') ?? []) {
      if (token.text.startsWith(candidate.word) && (!best || candidate.word.length > best.word.length)) best = candidate;
    }
    return best?.entries;
  }

  /** The longest phrase starting at `start`, if any. */
  matchAt(tokens: Token[], start: number): Match<E> | undefined {
    for (let length = Math.min(this.maxLength, tokens.length - start); length >= 1; length--) {
      const key = tokens.slice(start, start + length).map(tokenKey).join(' ');
      const entries = this.phrases.get(key);
      if (entries) return { start, length, entries };
    }
    const prefix = this.prefixAt(tokens[start]!);
    return prefix ? { start, length: 1, entries: prefix } : undefined;
  }

  /** Every non-overlapping match, left to right, longest first at each position. */
  scan(tokens: Token[]): Match<E>[] {
    const found: Match<E>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = this.matchAt(tokens, i);
      if (match) {
        found.push(match);
        i += match.length;
      } else {
        i++;
      }
    }
    return found;
  }

  /** All single-token keys (for fuzzy matching of typos). */
  keys(): string[] {
    return [...this.phrases.keys()].filter((k) => !k.includes(' '));
  }

  get(key: string): E[] | undefined {
    return this.phrases.get(key);
  }
}

export { canonicalText };

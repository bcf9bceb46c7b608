/**
 * The built-in vocabulary of the parser, from the data files in ./data: products in every
 * script, numbers and colloquial fractions, units, relative days and tense markers, money
 * words, intent cues and language names. Loaded once into one phrase index.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CANONICAL_PRODUCTS, isCanonicalProduct, type CanonicalProduct } from '../../domain/canonical-products.js';
import type { Language } from '../../domain/language.js';
import type { Intent } from '../intents.js';
import { canonicalText, soundKey } from './normalize.js';
import { PhraseIndex, tokenKey } from './phrase-index.js';

export type UnitCode = 'kg' | 'g' | 'litre' | 'ml' | 'packet' | 'piece' | 'dozen' | 'box' | 'bottle' | 'tray' | 'bag';
export type TimeMeaning =
  | 'today' | 'tomorrow' | 'yesterday' | 'day_after_tomorrow' | 'day_before_yesterday'
  | 'kal_ambiguous' | 'parso_ambiguous' | 'this_week' | 'next_week' | 'last_week' | 'this_month' | 'next_month';
export type Modifier = 'add_quarter' | 'minus_quarter' | 'add_half';

export type Tag =
  | { kind: 'product'; canonical: CanonicalProduct }
  | { kind: 'unit'; unit: UnitCode }
  | { kind: 'number'; value: number }
  | { kind: 'fraction'; value: number }
  | { kind: 'modifier'; modifier: Modifier }
  | { kind: 'multiplier'; value: number }
  | { kind: 'time'; meaning: TimeMeaning }
  | { kind: 'currency' }
  | { kind: 'price_word' }
  | { kind: 'cue'; intent: Intent; words: number }
  | { kind: 'language_name'; language: Language };

const DATA = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`./data/${file}`, import.meta.url)), 'utf8'));

/** Names of the languages, as owners ask for them ("hindi mein bolo", "தமிழில்", "reply in tamil"). */
const LANGUAGE_NAMES: Record<Language, string[]> = {
  en: ['english', 'angrezi', 'angreji', 'इंग्लिश', 'अंग्रेजी', 'अंग्रेज़ी', 'इंग्रजी', 'ஆங்கிலம்', 'ఇంగ్లీష్', 'ইংরেজি', 'ઇંગ્લિશ', 'ಇಂಗ್ಲಿಷ್', 'ഇംഗ്ലീഷ്', 'ਅੰਗਰੇਜ਼ੀ', 'ଇଂରାଜୀ'],
  hi: ['hindi', 'हिंदी', 'हिन्दी'],
  'hi-Latn': ['hinglish', 'हिंग्लिश', 'roman hindi'],
  bn: ['bangla', 'bengali', 'বাংলা', 'बांग्ला', 'बंगाली'],
  mr: ['marathi', 'मराठी', 'मराठीत'],
  ta: ['tamil', 'tamizh', 'தமிழ்', 'तमिल'],
  te: ['telugu', 'తెలుగు', 'तेलुगु'],
  gu: ['gujarati', 'gujrati', 'ગુજરાતી', 'गुजराती'],
  kn: ['kannada', 'ಕನ್ನಡ', 'कन्नड़'],
  ml: ['malayalam', 'മലയാളം', 'मलयालम'],
  pa: ['punjabi', 'panjabi', 'ਪੰਜਾਬੀ', 'पंजाबी'],
  or: ['odia', 'oriya', 'ଓଡ଼ିଆ', 'ଓଡିଆ', 'उड़िया', 'ओड़िया'],
};

/** Verb families matched by the start of a word: bik- (bika, bikega), मंगव- (मंगवाऊं, मंगवाना). */
export type VerbFamily = 'sale' | 'arrival' | 'on_hand' | 'order' | 'need' | 'price_set';

export interface Lexicon {
  index: PhraseIndex<Tag>;
  /** Stems per family, Latin ones as sound keys, others in canonical text. */
  stems: Array<{ family: VerbFamily; stem: string; latin: boolean }>;
  /** Word endings and words that put a verb in the past or the future. */
  pastMarkers: string[];
  futureMarkers: string[];
  /** Sound keys of single-word product names, for typo matching. */
  productKeys: Map<string, CanonicalProduct>;
}

let loaded: Lexicon | undefined;

export function lexicon(): Lexicon {
  if (loaded) return loaded;
  const index = new PhraseIndex<Tag>();
  const productKeys = new Map<string, CanonicalProduct>();

  const products = DATA('products.json') as Record<string, { native?: Record<string, string[]>; latin?: string[]; brands?: string[] }>;
  for (const [key, entry] of Object.entries(products)) {
    if (!isCanonicalProduct(key)) continue;
    const tag: Tag = { kind: 'product', canonical: key };
    for (const word of [...Object.values(entry.native ?? {}).flat(), ...(entry.latin ?? []), ...(entry.brands ?? [])]) {
      index.add(word, tag);
      if (/^[a-z]{4,}$/.test(word)) productKeys.set(soundKey(word), key);
    }
  }

  const numbers = DATA('numbers.json') as {
    words: Record<string, Record<string, number>>;
    modifiers: Record<Modifier, string[]>;
    fractions: Record<string, number>;
    multipliers: Record<string, number>;
  };
  // Only product names match the start of a longer word: "पाव" must not find "पावडरचे".
  const exact = { prefix: false };
  for (const words of Object.values(numbers.words)) for (const [word, value] of Object.entries(words)) index.add(word, { kind: 'number', value }, exact);
  for (const [modifier, words] of Object.entries(numbers.modifiers)) for (const word of words) index.add(word, { kind: 'modifier', modifier: modifier as Modifier }, exact);
  for (const [word, value] of Object.entries(numbers.fractions)) index.add(word, { kind: 'fraction', value }, exact);
  for (const [word, value] of Object.entries(numbers.multipliers)) index.add(word, { kind: 'multiplier', value }, exact);

  const units = DATA('units.json') as Record<UnitCode, string[]>;
  for (const [unit, words] of Object.entries(units)) for (const word of words) index.add(word, { kind: 'unit', unit: unit as UnitCode }, exact);

  const time = DATA('time-words.json') as Record<string, string[] | Record<string, string[]>>;
  const flat = (v: string[] | Record<string, string[]> | undefined) => (Array.isArray(v) ? v : Object.values(v ?? {}).flat());
  const markers = { past: flat(time.past_markers), future: flat(time.future_markers) };
  for (const [meaning, words] of Object.entries(time)) {
    if (meaning.endsWith('_markers')) continue;
    for (const word of flat(words)) index.add(word, { kind: 'time', meaning: meaning as TimeMeaning }, exact);
  }

  const money = DATA('money-words.json') as { currency: string[]; price_words: string[] };
  // रुपयाला, रूपायि…: currency words take endings too.
  for (const word of money.currency) index.add(word, { kind: 'currency' });
  for (const word of money.price_words) index.add(word, { kind: 'price_word' });

  const cues = DATA('intent-cues.json') as Record<string, Record<string, string[]>>;
  for (const [intent, byLanguage] of Object.entries(cues)) {
    for (const phrase of Object.values(byLanguage).flat()) index.add(phrase, { kind: 'cue', intent: intent as Intent, words: phrase.trim().split(/\s+/).length });
  }

  for (const [language, names] of Object.entries(LANGUAGE_NAMES)) for (const name of names) index.add(name, { kind: 'language_name', language: language as Language });

  const stems: Lexicon['stems'] = [];
  const families = DATA('verb-stems.json') as Record<VerbFamily, Record<string, string[]>>;
  for (const [family, byLanguage] of Object.entries(families)) {
    for (const stem of new Set(Object.values(byLanguage).flat())) {
      const latin = /^[a-z]+$/.test(stem);
      stems.push({ family: family as VerbFamily, stem: latin ? soundKey(stem) : canonicalText(stem), latin });
    }
  }

  loaded = {
    index,
    stems,
    pastMarkers: markers.past.map(canonicalText),
    futureMarkers: markers.future.map(canonicalText),
    productKeys,
  };
  return loaded;
}

export { CANONICAL_PRODUCTS, tokenKey };

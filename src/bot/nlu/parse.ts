/**
 * Understands one owner message without an LLM: language, intent, product, quantity with its
 * unit, price and day. Lexicon matches (lexicon.ts) tag the tokens; quantities are read from
 * number, fraction and unit sequences; the intent is the one with the most evidence from cue
 * words and from the message's shape (a quantity and a past verb is a sale, a price word and a
 * number is a new price).
 */
import type { CanonicalProduct } from '../../domain/canonical-products.js';
import type { Language } from '../../domain/language.js';
import type { Intent } from '../intents.js';
import { detectLanguage, type Detection } from './language.js';
import { latinLangId } from './latin-langid.js';
import { lexicon, type Tag, type TimeMeaning, type UnitCode, type VerbFamily } from './lexicon.js';
import { soundKey, tokenize, type Token } from './normalize.js';
import type { Match, PhraseIndex } from './phrase-index.js';

export interface Quantity {
  value: number;
  unit?: UnitCode;
}

export interface ProductMention<P> {
  canonical?: CanonicalProduct;
  /** Store products the words name (several when ambiguous). */
  products: P[];
  /** The words as written ("dudh"), for clarifying questions. */
  words: string;
  /** True when found only by tolerating a typo. */
  fuzzy: boolean;
}

export interface Parse<P = never> {
  language?: Language;
  detection: Detection;
  intent: Intent;
  /** Evidence for the chosen intent minus the next best: small means unsure. */
  margin: number;
  product?: ProductMention<P>;
  quantity?: Quantity;
  price?: number;
  /** Days from today the message is about (−1 yesterday, +1 tomorrow), or a week. */
  day?: { offset: number } | { week: 'this' | 'next' | 'last' };
  /** A language the owner asked to switch to. */
  targetLanguage?: Language;
  tense?: 'past' | 'future';
  isQuestion: boolean;
}

/** A store's own product names, matched before the built-in lexicon. */
export interface Catalogue<P> {
  index: PhraseIndex<P>;
}

type Found = { tag: Tag; start: number; length: number };

const INTENT_ORDER: Intent[] = [
  'undo', 'stop', 'start', 'change_language', 'set_price', 'price_check', 'log_stock', 'log_sale',
  'reorder', 'forecast', 'insights', 'add_product', 'help', 'greeting',
];

const QUESTION_WORDS = new Set(['kya', 'kitna', 'kitne', 'kitni', 'how', 'what', 'why', 'kaun', 'kaunsa', 'kaisa', 'क्या', 'कितना', 'किती', 'काय']);

export function parseMessage<P = never>(text: string, catalogue?: Catalogue<P>): Parse<P> {
  const lex = lexicon();
  const tokens = tokenize(text);
  const found: Found[] = [];
  const storeMatches: Array<Match<P>> = [];
  // The store's own names first: "Amul Taaza" is a product of this shop before it is a brand.
  const claimed = new Set<number>();
  if (catalogue) {
    for (const match of catalogue.index.scan(tokens)) {
      storeMatches.push(match);
      for (let i = match.start; i < match.start + match.length; i++) claimed.add(i);
    }
  }
  // Every kind of word gets its own longest match: "price to" may be a cue phrase, and "price"
  // is still a price word inside it.
  const coveredUntil = new Map<Tag['kind'], number>();
  for (let i = 0; i < tokens.length; i++) {
    const chosen = new Map<Tag['kind'], number>();
    for (const match of lex.index.matchesAt(tokens, i)) {
      for (const tag of match.entries) {
        if (tag.kind === 'product' && claimed.has(i)) continue;
        if ((coveredUntil.get(tag.kind) ?? 0) > i) continue;
        const length = chosen.get(tag.kind);
        if (length !== undefined && length !== match.length) continue;
        chosen.set(tag.kind, match.length);
        found.push({ tag, start: match.start, length: match.length });
      }
    }
    for (const [kind, length] of chosen) coveredUntil.set(kind, i + length);
  }
  const typo = fuzzyProducts(tokens, found, claimed);
  found.push(...typo);

  // Product names, brands and units say nothing about Hinglish vs English.
  const neutral = new Set(
    found.filter((f) => f.tag.kind === 'product' || f.tag.kind === 'unit').flatMap((f) => tokens.slice(f.start, f.start + f.length).map((t) => t.text)),
  );
  for (const match of storeMatches) for (const t of tokens.slice(match.start, match.start + match.length)) neutral.add(t.text);
  const detection = detectLanguage(text, neutral);
  const tense = tenseOf(tokens, lex.pastMarkers, lex.futureMarkers);
  const { quantity, price } = readNumbers(tokens, found);
  const day = dayOf(found, tense);
  const product = productOf(tokens, found, storeMatches, typo);
  const targetLanguage = found.find((f) => f.tag.kind === 'language_name')?.tag as { language: Language } | undefined;
  const isQuestion = /[?？]/.test(text) || tokens.some((t) => QUESTION_WORDS.has(t.text));

  const verbs = verbFamilies(tokens, found);
  const scores = scoreIntents(found, { tokens, quantity, price, product: Boolean(product), tense, isQuestion, hasLanguageName: Boolean(targetLanguage), day, verbs });
  const ranked = INTENT_ORDER.map((intent) => ({ intent, score: scores.get(intent) ?? 0 })).sort((a, b) => b.score - a.score);
  let intent: Intent = ranked[0]!.score > 0 ? ranked[0]!.intent : product ? 'forecast' : 'unknown';
  if (intent === 'change_language' && !targetLanguage && !(scores.get('change_language')! >= 1)) intent = 'unknown';

  return {
    language: detection.language,
    detection,
    intent,
    margin: ranked[0]!.score - ranked[1]!.score,
    ...(product ? { product } : {}),
    ...(quantity ? { quantity } : {}),
    ...(price !== undefined ? { price } : {}),
    ...(day ? { day } : {}),
    ...(targetLanguage ? { targetLanguage: targetLanguage.language } : {}),
    ...(tense ? { tense } : {}),
    isQuestion,
  };
}

/**
 * Typos in product names: a Latin word one edit away from a known name (two for long ones),
 * unless it is an ordinary English or Hinglish word ("bhai" is not a misspelt "chai").
 */
function fuzzyProducts(tokens: Token[], found: Found[], claimed: Set<number>): Found[] {
  const lex = lexicon();
  const covered = new Set(found.flatMap((f) => Array.from({ length: f.length }, (_, k) => f.start + k)));
  const out: Found[] = [];
  tokens.forEach((token, i) => {
    if (!token.isLatin || token.text.length < 5 || covered.has(i) || claimed.has(i) || latinLangId().isCommonWord(token.text)) return;
    const key = soundKey(token.text);
    let best: { canonical: CanonicalProduct; distance: number } | undefined;
    for (const [candidate, canonical] of lex.productKeys) {
      if (Math.abs(candidate.length - key.length) > 2) continue;
      const distance = editDistance(key, candidate, 2);
      const limit = key.length >= 7 ? 2 : 1;
      if (distance <= limit && (!best || distance < best.distance)) best = { canonical, distance };
    }
    if (best) out.push({ tag: { kind: 'product', canonical: best.canonical }, start: i, length: 1 });
  });
  return out;
}

/** Damerau–Levenshtein distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** Past or future, by verb endings and auxiliaries ("bika", "aaya" / "bikega", "chahiye"). */
function tenseOf(tokens: Token[], past: string[], future: string[]): 'past' | 'future' | undefined {
  const words = tokens.filter((t) => !t.isNumber).map((t) => t.text);
  const phrase = ` ${words.join(' ')} `;
  const count = (markers: string[]) =>
    markers.filter((m) =>
      m.includes(' ') ? phrase.includes(` ${m} `) : words.some((w) => w === m || (m.length >= 3 && !/^[a-z]/.test(m) && w.endsWith(m) && w.length > m.length)),
    ).length;
  const p = count(past);
  const f = count(future);
  return p > f ? 'past' : f > p ? 'future' : undefined;
}

const TAG_AT = (found: Found[], index: number, kind: Tag['kind']) => found.find((f) => f.start === index && f.tag.kind === kind);

/** Words after a number that make it a duration or an ordinal, not an amount of goods. */
const NOT_AN_AMOUNT = new Set(['din', 'dino', 'dinon', 'day', 'days', 'hafte', 'hafta', 'week', 'weeks', 'mahine', 'mahina', 'month', 'months', 'ghante', 'ghanta', 'hour', 'hours', 'baje', 'minute', 'minutes', 'saal', 'year', 'years', 'th', 'st', 'nd', 'rd', 'दिन', 'हफ्ते', 'महीने', 'घंटे', 'बजे', 'साल', 'दिवस', 'आठवडे', 'महिने', 'দিন', 'நாள்', 'நாட்கள்', 'రోజులు', 'ದಿನ', 'ദിവസം', 'દિવસ', 'ਦਿਨ', 'ଦିନ']);
/** After a number: "400 ka kilo", "28 per kg", "45 me" — a price per unit, not an amount. */
const PER = new Set(['ka', 'ki', 'ke', 'per', 'me', 'mein', 'main', 'का', 'की', 'के', 'में', 'प्रति', 'रुपये', 'রুপি']);
const AND = new Set(['and', 'aur', 'और', 'ani', 'आणि']);
/** Before a number: "at 48", "@ 48" — a price. */
const AT = new Set(['at', '@', 'pe', 'par', 'पर']);
const ARTICLE = new Set(['a', 'an', 'ek']);

/**
 * Quantities and prices. A quantity is [modifier] number|fraction ["and a half"] [multiplier…]
 * [unit]. Number words count only before a unit, multiplier or product (so "do" in "what do I
 * order" is not 2); digits count anywhere. A number beside a currency word, after a price word,
 * or followed by "ka kilo" / "per kg" / "me" is a price.
 */
function readNumbers(tokens: Token[], found: Found[]): { quantity?: Quantity; price?: number } {
  const kindsAt = (i: number) => new Set(found.filter((f) => f.start === i).map((f) => f.tag.kind));
  const nextIndex = (i: number) => {
    const f = found.filter((x) => x.start === i).sort((a, b) => b.length - a.length)[0];
    return i + (f ? f.length : 1);
  };
  const candidates: Array<{ value: number; unit?: UnitCode; start: number; end: number; anchored: boolean; digits: boolean; perUnit: boolean }> = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    let modifier: 'add_quarter' | 'minus_quarter' | 'add_half' | undefined;
    const mod = TAG_AT(found, j, 'modifier');
    if (mod) {
      modifier = (mod.tag as { modifier: typeof modifier }).modifier;
      j = nextIndex(j);
    }
    let value: number | undefined;
    let digits = false;
    const token = tokens[j];
    if (token?.isNumber) {
      value = Number(token.text);
      digits = true;
      j++;
    } else {
      const num = TAG_AT(found, j, 'number') ?? TAG_AT(found, j, 'fraction');
      if (num) {
        value = (num.tag as { value: number }).value;
        j = nextIndex(j);
      }
    }
    if (value === undefined) {
      // "darjan ande": a multiplier on its own means one of it.
      const lone = TAG_AT(found, i, 'multiplier');
      if (lone && TAG_AT(found, nextIndex(i), 'product')) {
        candidates.push({ value: (lone.tag as { value: number }).value, start: i, end: nextIndex(i), anchored: true, digits: false, perUnit: false });
      }
      i = Math.max(i + 1, j);
      continue;
    }
    if (modifier === 'add_quarter') value += 0.25;
    if (modifier === 'minus_quarter') value -= 0.25;
    if (modifier === 'add_half') value += 0.5;
    // "one and a half", "do aur aadha"
    if (tokens[j] && AND.has(tokens[j]!.text)) {
      const k = tokens[j + 1] && ARTICLE.has(tokens[j + 1]!.text) ? j + 2 : j + 1;
      const half = TAG_AT(found, k, 'fraction');
      if (half && (half.tag as { value: number }).value < 1) {
        value += (half.tag as { value: number }).value;
        j = nextIndex(k);
      }
    }
    // "half a dozen"
    if (tokens[j] && ARTICLE.has(tokens[j]!.text) && (TAG_AT(found, j + 1, 'multiplier') || TAG_AT(found, j + 1, 'unit'))) j++;
    let multiplied = false;
    for (let m = TAG_AT(found, j, 'multiplier'); m; m = TAG_AT(found, j, 'multiplier')) {
      value *= (m.tag as { value: number }).value;
      multiplied = true;
      j = nextIndex(j);
    }
    let unit: UnitCode | undefined;
    const u = TAG_AT(found, j, 'unit');
    if (u) {
      unit = (u.tag as { unit: UnitCode }).unit;
      j = nextIndex(j);
      if (unit === 'dozen') {
        value *= 12;
        unit = 'piece';
      }
    }
    const following = tokens[j]?.text;
    if (following !== undefined && NOT_AN_AMOUNT.has(following) && !unit) {
      i = Math.max(j, i + 1);
      continue;
    }
    const perUnit = (following !== undefined && PER.has(following) && (!unit || Boolean(TAG_AT(found, j + 1, 'unit')))) || (digits && !unit && AT.has(tokens[i - 1]?.text ?? ''));
    const anchored = Boolean(unit) || Boolean(modifier) || multiplied || kindsAt(j).has('product') || (digits && kindsAt(i - 1).has('product'));
    candidates.push({ value: round(value), unit, start: i, end: j, anchored, digits, perUnit });
    i = Math.max(j, i + 1);
  }

  let price: number | undefined;
  const priceWordEnds = found.filter((f) => f.tag.kind === 'price_word').map((f) => f.start + f.length - 1);
  const currencyAt = new Set(found.filter((f) => f.tag.kind === 'currency').flatMap((f) => [f.start - 1, f.start + f.length]));
  const quantities = candidates.filter((c) => {
    const nearPriceWord = priceWordEnds.some((p) => c.start > p && c.start - p <= 4);
    const isPrice = c.perUnit || (!c.unit && (currencyAt.has(c.start) || currencyAt.has(c.end - 1) || nearPriceWord)) || (nearPriceWord && c.digits);
    if (isPrice && price === undefined) price = c.value;
    return !isPrice && (c.digits || c.anchored);
  });
  const quantity = quantities.find((c) => c.anchored) ?? quantities[0];
  return { ...(quantity ? { quantity: { value: quantity.value, ...(quantity.unit ? { unit: quantity.unit } : {}) } } : {}), ...(price !== undefined ? { price } : {}) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const DAY_OFFSETS: Partial<Record<TimeMeaning, number>> = { today: 0, tomorrow: 1, yesterday: -1, day_after_tomorrow: 2, day_before_yesterday: -2 };

function dayOf(found: Found[], tense: 'past' | 'future' | undefined): Parse['day'] {
  const time = found.find((f) => f.tag.kind === 'time')?.tag as { meaning: TimeMeaning } | undefined;
  if (!time) return undefined;
  const offset = DAY_OFFSETS[time.meaning];
  if (offset !== undefined) return { offset };
  // "kal" is yesterday with a past verb, tomorrow otherwise.
  if (time.meaning === 'kal_ambiguous') return { offset: tense === 'past' ? -1 : 1 };
  if (time.meaning === 'parso_ambiguous') return { offset: tense === 'past' ? -2 : 2 };
  if (time.meaning === 'next_week') return { week: 'next' };
  if (time.meaning === 'last_week') return { week: 'last' };
  if (time.meaning === 'this_week') return { week: 'this' };
  return undefined;
}

function productOf<P>(tokens: Token[], found: Found[], store: Array<Match<P>>, typo: Found[]): ProductMention<P> | undefined {
  const words = (start: number, length: number) => tokens.slice(start, start + length).map((t) => t.text).join(' ');
  const firstStore = store[0];
  // Exact names before guesses at typos.
  const products = found.filter((f) => f.tag.kind === 'product');
  const exact = products.filter((f) => !typo.includes(f));
  const builtin = (exact.length ? exact : products).sort((a, b) => a.start - b.start)[0];
  if (firstStore && (!builtin || firstStore.start <= builtin.start)) {
    return { products: firstStore.entries, words: words(firstStore.start, firstStore.length), fuzzy: false };
  }
  if (!builtin) return undefined;
  return {
    canonical: (builtin.tag as { canonical: CanonicalProduct }).canonical,
    products: [],
    words: words(builtin.start, builtin.length),
    fuzzy: typo.includes(builtin),
  };
}

/** The verb families present, from words no cue already explained. */
function verbFamilies(tokens: Token[], found: Found[]): Set<VerbFamily> {
  const explained = new Set(found.filter((f) => f.tag.kind === 'cue' || f.tag.kind === 'product').flatMap((f) => Array.from({ length: f.length }, (_, k) => f.start + k)));
  const families = new Set<VerbFamily>();
  tokens.forEach((token, i) => {
    if (token.isNumber || explained.has(i)) return;
    const key = token.isLatin ? soundKey(token.text) : token.text;
    for (const { family, stem, latin } of lexicon().stems) if (latin === token.isLatin && key.startsWith(stem)) families.add(family);
  });
  return families;
}

interface Shape {
  tokens: Token[];
  quantity?: Quantity;
  price?: number;
  product: boolean;
  tense?: 'past' | 'future';
  isQuestion: boolean;
  hasLanguageName: boolean;
  day?: Parse['day'];
  verbs: Set<VerbFamily>;
}

function scoreIntents(found: Found[], shape: Shape): Map<Intent, number> {
  const scores = new Map<Intent, number>();
  const add = (intent: Intent, points: number) => scores.set(intent, (scores.get(intent) ?? 0) + points);
  for (const f of found) if (f.tag.kind === 'cue') add(f.tag.intent, f.tag.words > 1 ? 1 + 0.5 * f.tag.words : 1);
  const has = (kind: Tag['kind']) => found.some((f) => f.tag.kind === kind);

  // Verbs by their stem, when no cue phrase caught the inflected form.
  const v = shape.verbs;
  if (v.has('order')) add('reorder', 1);
  if (v.has('arrival')) add('log_stock', 1);
  if (v.has('on_hand')) add(shape.quantity ? 'log_stock' : 'insights', shape.quantity ? 0.75 : 0.5);
  if (v.has('need')) add('forecast', 0.75);
  if (v.has('price_set') && shape.price !== undefined) add('set_price', 1);
  if (v.has('sale')) {
    if (shape.tense === 'future' || shape.isQuestion) add('forecast', 0.5);
    else add('log_sale', shape.quantity ? 1 : 0.5);
  }
  // Shape: what the message contains says as much as its verbs.
  if (shape.product && shape.quantity && shape.tense === 'past' && !scores.get('log_stock')) add('log_sale', 0.75);
  // A sale or stock entry states an amount; without one it is a question about sales.
  if (!shape.quantity) {
    if (scores.get('log_sale')) add('log_sale', -0.75);
    if (scores.get('log_stock') && !shape.product) add('log_stock', -0.5);
  }
  const period = shape.day && 'week' in shape.day;
  if (period && !shape.quantity && !shape.product) add('insights', 0.75);
  if (shape.price !== undefined) add(shape.isQuestion ? 'price_check' : 'set_price', 1.5);
  else if (has('price_word') || has('currency')) add('price_check', 1.25);
  if (shape.product && shape.tense === 'future' && !shape.quantity) add('forecast', 0.5);
  if (shape.product && shape.day && 'offset' in shape.day && shape.day.offset > 0) add('forecast', 0.5);
  if (shape.hasLanguageName) add('change_language', 0.75);
  // Last: an ordering verb makes a quantity question a reorder ("kitna doodh mangwau chahiye").
  if (scores.get('reorder') && scores.get('forecast')) scores.set('reorder', Math.max(scores.get('reorder')!, scores.get('forecast')!) + 0.5);
  // A greeting or a thank-you only wins when nothing else is asked.
  const greeting = scores.get('greeting');
  if (greeting && shape.tokens.length > 4) scores.set('greeting', greeting - 0.5);
  return scores;
}

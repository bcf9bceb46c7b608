/**
 * The grounding check: every number in a model's answer must be one the facts (or the draft
 * built from them, or the owner's own message) contain, within rounding. Numbers are read in
 * any of the scripts owners use (৫০, ५०, ௫௦ are all 50) and in Indian grouping (1,25,000).
 */
import type { Language } from '../../domain/language.js';
import type { Fact } from './facts.js';

/** The zero of each Indic digit block; the next nine code points are 1–9. */
const DIGIT_ZEROS = [0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66];

function asciiDigits(text: string): string {
  return text.replace(/[\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f]/g, (d) => {
    const code = d.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9)!;
    return String(code - zero);
  });
}

/** The numbers written in a text, list markers ("1. ", "2) ") aside. */
export function numbersIn(text: string): number[] {
  const plain = asciiDigits(text).replace(/^\s*\d{1,2}[.)]\s+/gm, ' ');
  const out: number[] = [];
  for (const m of plain.matchAll(/\d+(?:,\d+)*(?:\.\d+)?/g)) {
    const value = Number(m[0].replace(/,/g, ''));
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** Every number the answer may use: the facts' values and dates, and the numbers of the given texts. */
export function allowedNumbers(facts: Fact[], texts: string[]): number[] {
  const allowed = new Set<number>();
  for (const fact of facts) {
    if (typeof fact.value === 'number') allowed.add(fact.value);
    else for (const n of numbersIn(fact.value)) allowed.add(n);
    if (fact.date) for (const n of numbersIn(fact.date.replace(/-/g, ' '))) allowed.add(n);
  }
  for (const text of texts) for (const n of numbersIn(text)) allowed.add(n);
  return [...allowed];
}

/** Rounding: to a whole number, or within half a percent of a large figure. */
const matches = (x: number, v: number) => Math.abs(x - v) <= Math.max(0.5, Math.abs(v) * 0.005);

export interface GroundingVerdict {
  grounded: boolean;
  /** Numbers in the answer that no fact supports. */
  ungrounded: number[];
}

export function checkGrounding(answer: string, allowed: number[]): GroundingVerdict {
  const ungrounded = numbersIn(answer).filter((x) => !allowed.some((v) => matches(x, Math.abs(v))));
  return { grounded: ungrounded.length === 0, ungrounded };
}

const SCRIPT: Record<Language, RegExp> = {
  en: /\p{Script=Latin}/u,
  'hi-Latn': /\p{Script=Latin}/u,
  hi: /\p{Script=Devanagari}/u,
  mr: /\p{Script=Devanagari}/u,
  bn: /\p{Script=Bengali}/u,
  ta: /\p{Script=Tamil}/u,
  te: /\p{Script=Telugu}/u,
  gu: /\p{Script=Gujarati}/u,
  kn: /\p{Script=Kannada}/u,
  ml: /\p{Script=Malayalam}/u,
  pa: /\p{Script=Gurmukhi}/u,
  or: /\p{Script=Oriya}/u,
};

/** Whether most of the answer's letters are in the owner's script (product names may be in English). */
export function inLanguage(answer: string, language: Language): boolean {
  const letters = [...answer].filter((c) => /\p{L}/u.test(c));
  if (letters.length === 0) return false;
  const script = SCRIPT[language];
  return letters.filter((c) => script.test(c)).length / letters.length >= 0.5;
}

/**
 * Text → comparable tokens. Owners' spelling varies far more than their meaning: Indic digits,
 * nukta and chandrabindu variants, zero-width joiners, and in Latin letters every way of
 * writing a Hindi sound (doodh, dudh, dood). Lexicon entries go through the same steps, so a
 * match compares like with like.
 */

/** Decimal digits of every Indic block (and the Arabic-Indic ones) → ASCII. */
const DIGIT_ZEROS = [0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0660, 0x06f0];

export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    const code = d.codePointAt(0)!;
    for (const zero of DIGIT_ZEROS) if (code >= zero && code <= zero + 9) return String(code - zero);
    return d;
  });
}

/** Unicode forms that render alike but compare unequal. */
export function canonicalText(text: string): string {
  return asciiDigits(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, '') // zero-width (non-)joiners
    .replace(/\u0901/g, '\u0902') // Devanagari chandrabindu → anusvara (पाँच = पांच)
    .replace(/\u093c/g, '') // Devanagari nukta (ज़ = ज)
    .replace(/\u09bc/g, '') // Bengali nukta
    .replace(/\u0a3c/g, '') // Gurmukhi nukta
    // Long and short i/u are often confused (दूध/दुध, ટામેટી): compare them as one.
    .replace(/[\u0940\u09c0\u0a40\u0ac0\u0b40\u0bc0\u0c40\u0cc0\u0d40]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 1))
    .replace(/[\u0942\u09c2\u0a42\u0ac2\u0b42\u0bc2\u0c42\u0cc2\u0d42]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 1));
}

export interface Token {
  /** As written, after canonicalText. */
  text: string;
  /** Position among the tokens. */
  index: number;
  isNumber: boolean;
  isLatin: boolean;
}

/**
 * Words, numbers (with a decimal point or comma grouping: 1,200 → 1200; 2.5) and the ₹ sign
 * as its own token; other punctuation separates. "20kg" and "₹30" split into two tokens.
 */
export function tokenize(text: string): Token[] {
  const raw = canonicalText(text)
    .replace(/(\d),(\d{2,3})\b/g, '$1$2')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/₹/g, ' ₹ ')
    .split(/[^\p{L}\p{M}\p{Nd}.₹]+|(?<!\d)\.|\.(?!\d)/u)
    .filter(Boolean);
  return raw.map((t, index) => ({ text: t, index, isNumber: /^\d+(\.\d+)?$/.test(t), isLatin: /^[a-z]+$/.test(t) }));
}

/**
 * A sound key for romanized words: doodh, dudh, dood → dud; pyaaz, pyaz, piyaz → piaj;
 * chawal, chaval → caval. Used for Latin tokens only.
 */
export function soundKey(word: string): string {
  return word
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/([kgcjtdpb])h/g, '$1')
    .replace(/sh/g, 's')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/ee|ii/g, 'i')
    .replace(/oo|uu/g, 'u')
    .replace(/y(?=[aeiou])/g, 'i')
    .replace(/ay$/, 'e')
    .replace(/(.)\1+/g, '$1')
    .replace(/^i(?=[aeiou])/, 'i')
    .replace(/(?<=[^aeiou])h$/, '');
}

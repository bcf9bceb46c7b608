/**
 * Turns an owner's message into an intent, a product and a time span, by keywords. English
 * only for now; the multilingual understanding replaces this behind the same result shape.
 */
import type { Product } from '../domain/product.js';
import type { Intent } from './intents.js';

export type Span = { kind: 'day'; offset: number } | { kind: 'week' };

export interface Understanding {
  intent: Intent;
  product?: Product;
  /** Words that looked like a product but matched none in the catalogue. */
  productMentioned: boolean;
  span: Span;
}

const GREETING = /^(hi|hello|hey|namaste|namaskar|good (morning|afternoon|evening))\b/;
const HELP = /^(help|menu|\?|what can you do)/;
const REORDER = /\b(order|reorder|restock|re-stock|buy|purchase|running (low|out))\b/;
const FORECAST = /\b(how (much|many)|forecast|demand|expect|predict|need|sell|stock up|will i)\b/;

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s?]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The catalogue product whose name or alias appears in the text, the longest match winning; a
 * product's canonical key ("rice") counts a little less than a name the owner gave it.
 */
export function findProduct(text: string, products: readonly Product[]): Product | undefined {
  const padded = ` ${normalise(text)} `;
  let best: { product: Product; score: number } | undefined;
  for (const product of products) {
    const names = [product.name, ...product.aliases].map((n) => ({ n, bonus: 0 }));
    if (product.canonical) names.push({ n: product.canonical.replace(/_/g, ' '), bonus: -0.5 });
    for (const { n, bonus } of names) {
      const needle = normalise(n);
      if (!needle) continue;
      // Whole words only, allowing a plural "s" ("eggs" finds "egg").
      const found = padded.includes(` ${needle} `) || padded.includes(` ${needle}s `);
      const score = needle.length + bonus;
      if (found && (!best || score > best.score)) best = { product, score };
    }
  }
  return best?.product;
}

function spanOf(text: string): Span {
  if (/\b(week|7 days|seven days)\b/.test(text)) return { kind: 'week' };
  if (/\bday after tomorrow\b/.test(text)) return { kind: 'day', offset: 2 };
  if (/\btoday\b/.test(text)) return { kind: 'day', offset: 0 };
  return { kind: 'day', offset: 1 };
}

export function understand(text: string, products: readonly Product[]): Understanding {
  const clean = normalise(text);
  const product = findProduct(clean, products);
  const span = spanOf(clean);
  const base = { product, span, productMentioned: false };
  if (!clean) return { ...base, intent: 'unknown' };
  if (HELP.test(clean)) return { ...base, intent: 'help' };
  if (REORDER.test(clean)) return { ...base, intent: 'reorder' };
  if (FORECAST.test(clean) || /\b(tomorrow|today|next week)\b/.test(clean)) {
    // "how much X tomorrow" with an X we do not stock: say so instead of guessing.
    const mentioned = !product && /\b(how (much|many)|forecast)\b/.test(clean) && clean.split(' ').length > 3;
    return { ...base, intent: 'forecast', productMentioned: mentioned };
  }
  if (GREETING.test(clean)) return { ...base, intent: 'greeting' };
  if (product) return { ...base, intent: 'forecast' };
  return { ...base, intent: 'unknown' };
}

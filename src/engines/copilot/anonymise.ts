/**
 * What leaves for a model must not identify anyone: phone numbers, emails, the shop's and the
 * owner's names are masked wherever they occur (the owner may type them), and the store is
 * named by a one-way key. Facts never carry raw sales rows, only totals and rates.
 */
import { createHash } from 'node:crypto';
import { maskContacts } from '../../domain/pii.js';

/** Words that name a kind of shop, not a shop: left alone when they are part of its name. */
const SHOP_WORDS = new Set([
  'store', 'stores', 'shop', 'general', 'kirana', 'mart', 'supermarket', 'provision', 'provisions', 'traders', 'trading',
  'bhandar', 'dukan', 'dukaan', 'and', 'the', 'sons', 'brothers', 'enterprises', 'agency', 'agencies', 'super', 'market',
  'किराना', 'स्टोर', 'भंडार', 'दुकान', 'जनरल',
]);


const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The terms to mask for a shop: its name and owner's name as written, and their distinctive words. */
export function privateTerms(names: Array<string | undefined>): string[] {
  const terms = new Set<string>();
  for (const name of names) {
    const whole = name?.trim();
    if (!whole) continue;
    terms.add(whole);
    for (const word of whole.split(/[\s,.'’&/-]+/u)) if ([...word].length >= 3 && !SHOP_WORDS.has(word.toLowerCase())) terms.add(word);
  }
  // Longest first, so "Ramesh Kumar" is masked whole before "Ramesh".
  return [...terms].sort((a, b) => b.length - a.length);
}

/** The text with emails, phone numbers and the given terms replaced by placeholders. */
export function maskPrivate(text: string, terms: string[]): string {
  let out = maskContacts(text);
  for (const term of terms) {
    // Letters around a Latin term must not continue it ("Ram" inside "Ramdana" stays).
    const pattern = /^[\p{Script=Latin}\d\s]+$/u.test(term) ? `(?<![\\p{L}])${escape(term)}(?![\\p{L}])` : escape(term);
    out = out.replace(new RegExp(pattern, 'giu'), '[name]');
  }
  return out.replace(/ {2,}/g, ' ');
}

/** A stable stand-in for a store id: the same store gets the same key, which leads nowhere. */
export function storeKey(storeId: string): string {
  return `shop-${createHash('sha256').update(`bharatsense:${storeId}`).digest('hex').slice(0, 8)}`;
}

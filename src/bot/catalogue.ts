/**
 * A store's catalogue as the parser sees it: each product's name, its aliases and the words of
 * its name, so "Amul Taaza" and "taaza doodh" both find the store's milk. Built once per
 * version of the catalogue.
 */
import type { Product } from '../domain/product.js';
import { PhraseIndex, type Catalogue } from './nlu/index.js';

const cache = new Map<string, { signature: string; catalogue: Catalogue<Product> }>();

/** Words of product names that say nothing on their own ("500ml", "loose", "1kg"). */
const FILLER = /^(\d+(\.\d+)?(ml|l|g|kg|gm)?|loose|pack|packet|the|and|of|premium|classic|fresh)$/i;

export function catalogueOf(storeId: string, products: Product[]): Catalogue<Product> {
  const signature = products.map((p) => `${p.sku}:${p.updatedAt}`).join('|');
  const cached = cache.get(storeId);
  if (cached?.signature === signature) return cached.catalogue;
  const index = new PhraseIndex<Product>();
  for (const product of products) {
    index.add(product.name, product);
    for (const alias of product.aliases) index.add(alias, product);
    // "Sona Masoori Rice (loose)" is also said "sona masoori".
    const words = product.name.replace(/\(.*?\)/g, ' ').split(/\s+/).filter((w) => w && !FILLER.test(w));
    if (words.length >= 2) index.add(words.slice(0, 2).join(' '), product);
  }
  const catalogue = { index };
  cache.set(storeId, { signature, catalogue });
  return catalogue;
}

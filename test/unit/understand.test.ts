import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain/product.js';
import { findProduct, understand } from '../../src/bot/understand.js';

const product = (sku: string, name: string, aliases: string[], canonical: Product['canonical']): Product => ({
  storeId: 's', sku, name, aliases, unit: 'packet', category: 'x', price: 1, cost: 1, stock: 1, canonical, leadTimeDays: 1, updatedAt: '',
});
const catalogue = [
  product('MILK', 'Amul Taaza Milk 500ml', ['doodh'], 'milk'),
  product('BASMATI', 'Basmati Rice 1kg', ['basmati'], 'rice'),
  product('SONA', 'Sona Masoori Rice', ['rice', 'chawal'], 'rice'),
  product('EGG', 'Egg', ['anda'], 'eggs'),
  product('OIL-G', 'Groundnut Oil 1L', ['groundnut oil'], 'groundnut_oil'),
  product('OIL-S', 'Sunflower Oil 1L', ['refined oil'], 'sunflower_oil'),
];

describe('understanding English owner messages', () => {
  it.each([
    ['how much milk tomorrow?', 'forecast', 'MILK', { kind: 'day', offset: 1 }],
    ['How many eggs will I sell today', 'forecast', 'EGG', { kind: 'day', offset: 0 }],
    ['doodh forecast next week', 'forecast', 'MILK', { kind: 'week' }],
    ['what should I order?', 'reorder', undefined, { kind: 'day', offset: 1 }],
    ['order refined oil', 'reorder', 'OIL-S', { kind: 'day', offset: 1 }],
    ['milk day after tomorrow', 'forecast', 'MILK', { kind: 'day', offset: 2 }],
    ['Hello!', 'greeting', undefined, { kind: 'day', offset: 1 }],
    ['help', 'help', undefined, { kind: 'day', offset: 1 }],
    ['the weather is nice', 'unknown', undefined, { kind: 'day', offset: 1 }],
    ['', 'unknown', undefined, { kind: 'day', offset: 1 }],
  ])('%s → %s', (text, intent, sku, span) => {
    const u = understand(text, catalogue);
    expect(u.intent).toBe(intent);
    expect(u.product?.sku).toBe(sku);
    expect(u.span).toEqual(span);
  });

  it('prefers the product the owner named over one that only shares its kind', () => {
    expect(findProduct('how much rice tomorrow', catalogue)?.sku).toBe('SONA');
    expect(findProduct('basmati rice', catalogue)?.sku).toBe('BASMATI');
    expect(findProduct('groundnut oil', catalogue)?.sku).toBe('OIL-G');
  });

  it('matches whole words only', () => {
    expect(findProduct('milkshake powder', catalogue)).toBeUndefined();
  });

  it('notices a product question about something not stocked', () => {
    const u = understand('how much caviar tomorrow?', catalogue);
    expect(u).toMatchObject({ intent: 'forecast', productMentioned: true });
    expect(u.product).toBeUndefined();
  });
});

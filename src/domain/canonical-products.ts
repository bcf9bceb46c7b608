/**
 * Built-in product keys that every store's catalogue maps onto. Engines (market prices, festival
 * lifts, the multilingual lexicon) speak these keys, so a store's "Amul Taaza 500ml" and another's
 * "dudh" are both `milk`.
 */
export const CANONICAL_PRODUCTS = [
  'milk', 'curd', 'paneer', 'butter', 'ghee', 'eggs', 'bread',
  'rice', 'wheat_atta', 'maida', 'suji', 'besan', 'poha',
  'tur_dal', 'chana_dal', 'moong_dal', 'masoor_dal', 'urad_dal', 'rajma', 'kabuli_chana',
  'sugar', 'jaggery', 'salt', 'tea', 'coffee',
  'mustard_oil', 'groundnut_oil', 'sunflower_oil',
  'onion', 'potato', 'tomato', 'garlic', 'ginger', 'green_chilli',
  'turmeric', 'chilli_powder', 'coriander_powder', 'cumin',
  'biscuits', 'namkeen', 'noodles', 'soft_drink',
  'soap', 'detergent', 'toothpaste', 'shampoo', 'matchbox', 'agarbatti',
] as const;

export type CanonicalProduct = (typeof CANONICAL_PRODUCTS)[number];

const known = new Set<string>(CANONICAL_PRODUCTS);

export function isCanonicalProduct(key: string): key is CanonicalProduct {
  return known.has(key);
}

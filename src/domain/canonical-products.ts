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

/** How a canonical product is usually named, sold and shelved, for products added by chat. */
export const CANONICAL_DEFAULTS: Record<CanonicalProduct, { name: string; unit: 'kg' | 'packet' | 'piece' | 'litre' | 'bottle' | 'box'; category: string }> = {
  milk: { name: 'Milk', unit: 'packet', category: 'dairy' },
  curd: { name: 'Curd', unit: 'packet', category: 'dairy' },
  paneer: { name: 'Paneer', unit: 'packet', category: 'dairy' },
  butter: { name: 'Butter', unit: 'packet', category: 'dairy' },
  ghee: { name: 'Ghee', unit: 'bottle', category: 'dairy' },
  eggs: { name: 'Eggs', unit: 'piece', category: 'dairy' },
  bread: { name: 'Bread', unit: 'packet', category: 'bakery' },
  rice: { name: 'Rice', unit: 'kg', category: 'staples' },
  wheat_atta: { name: 'Wheat Atta', unit: 'kg', category: 'staples' },
  maida: { name: 'Maida', unit: 'kg', category: 'staples' },
  suji: { name: 'Suji', unit: 'kg', category: 'staples' },
  besan: { name: 'Besan', unit: 'kg', category: 'staples' },
  poha: { name: 'Poha', unit: 'kg', category: 'staples' },
  tur_dal: { name: 'Tur Dal', unit: 'kg', category: 'pulses' },
  chana_dal: { name: 'Chana Dal', unit: 'kg', category: 'pulses' },
  moong_dal: { name: 'Moong Dal', unit: 'kg', category: 'pulses' },
  masoor_dal: { name: 'Masoor Dal', unit: 'kg', category: 'pulses' },
  urad_dal: { name: 'Urad Dal', unit: 'kg', category: 'pulses' },
  rajma: { name: 'Rajma', unit: 'kg', category: 'pulses' },
  kabuli_chana: { name: 'Kabuli Chana', unit: 'kg', category: 'pulses' },
  sugar: { name: 'Sugar', unit: 'kg', category: 'staples' },
  jaggery: { name: 'Jaggery', unit: 'kg', category: 'staples' },
  salt: { name: 'Salt', unit: 'packet', category: 'staples' },
  tea: { name: 'Tea', unit: 'packet', category: 'beverages' },
  coffee: { name: 'Coffee', unit: 'packet', category: 'beverages' },
  mustard_oil: { name: 'Mustard Oil', unit: 'bottle', category: 'oils' },
  groundnut_oil: { name: 'Groundnut Oil', unit: 'bottle', category: 'oils' },
  sunflower_oil: { name: 'Sunflower Oil', unit: 'packet', category: 'oils' },
  onion: { name: 'Onion', unit: 'kg', category: 'vegetables' },
  potato: { name: 'Potato', unit: 'kg', category: 'vegetables' },
  tomato: { name: 'Tomato', unit: 'kg', category: 'vegetables' },
  garlic: { name: 'Garlic', unit: 'kg', category: 'vegetables' },
  ginger: { name: 'Ginger', unit: 'kg', category: 'vegetables' },
  green_chilli: { name: 'Green Chilli', unit: 'kg', category: 'vegetables' },
  turmeric: { name: 'Turmeric Powder', unit: 'packet', category: 'spices' },
  chilli_powder: { name: 'Chilli Powder', unit: 'packet', category: 'spices' },
  coriander_powder: { name: 'Coriander Powder', unit: 'packet', category: 'spices' },
  cumin: { name: 'Cumin', unit: 'packet', category: 'spices' },
  biscuits: { name: 'Biscuits', unit: 'packet', category: 'snacks' },
  namkeen: { name: 'Namkeen', unit: 'packet', category: 'snacks' },
  noodles: { name: 'Noodles', unit: 'packet', category: 'snacks' },
  soft_drink: { name: 'Soft Drink', unit: 'bottle', category: 'beverages' },
  soap: { name: 'Soap', unit: 'piece', category: 'personal care' },
  detergent: { name: 'Detergent', unit: 'packet', category: 'household' },
  toothpaste: { name: 'Toothpaste', unit: 'piece', category: 'personal care' },
  shampoo: { name: 'Shampoo', unit: 'bottle', category: 'personal care' },
  matchbox: { name: 'Matchbox', unit: 'box', category: 'household' },
  agarbatti: { name: 'Agarbatti', unit: 'box', category: 'pooja' },
};

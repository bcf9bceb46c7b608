/**
 * The demo kirana's catalogue: 43 everyday products of a neighbourhood store in Pune, with the
 * names and local aliases owners use. Staples are priced near Pune's market in late 2025 (the
 * bundled mandi snapshot), some a little above or below it, as real shops are. `rank` places
 * each product within its measured demand group (0 = the group's slowest sellers, 1 = its
 * fastest); `tags` pick festival lifts.
 */
import type { CanonicalProduct } from '../domain/canonical-products.js';
import type { Unit } from '../domain/product.js';
import type { DemandGroupName } from './demand-params.js';
import type { LiftTag } from './festival-lifts.js';

export interface DemoProduct {
  sku: string;
  name: string;
  aliases: string[];
  unit: Unit;
  category: string;
  /** Today's selling price, rupees; history walks back from near it. */
  price: number;
  /** Cost as a share of price (kirana margins: 8–25 %). */
  costRatio: number;
  canonical: CanonicalProduct | null;
  group: DemandGroupName;
  rank: number;
  leadTimeDays: number;
  /** Stock on hand as days of typical demand (some low, so the reorder list has work). */
  stockDays: number;
  tags: LiftTag[];
}

const p = (
  sku: string, name: string, aliases: string[], unit: Unit, category: string, price: number, costRatio: number,
  canonical: CanonicalProduct | null, group: DemandGroupName, rank: number, leadTimeDays: number, stockDays: number, tags: LiftTag[] = [],
): DemoProduct => ({ sku, name, aliases, unit, category, price, costRatio, canonical, group, rank, leadTimeDays, stockDays, tags });

export const DEMO_CATALOGUE: DemoProduct[] = [
  p('MILK-500', 'Amul Taaza Milk 500ml', ['doodh', 'dudh', 'milk packet'], 'packet', 'dairy', 29, 0.93, 'milk', 'packaged_food', 0.99, 1, 0.4, ['milk', 'fasting']),
  p('CURD-400', 'Amul Masti Dahi 400g', ['dahi', 'curd'], 'packet', 'dairy', 35, 0.88, 'curd', 'packaged_food', 0.85, 1, 1.5, ['fasting']),
  p('PANEER-200', 'Paneer 200g', ['paneer'], 'packet', 'dairy', 90, 0.88, 'paneer', 'packaged_food', 0.7, 1, 2, ['fasting']),
  p('BUTTER-100', 'Amul Butter 100g', ['makhan', 'butter'], 'packet', 'dairy', 58, 0.91, 'butter', 'packaged_food', 0.65, 2, 4, ['baking']),
  p('GHEE-1L', 'Cow Ghee 1 litre', ['ghee', 'desi ghee', 'tup'], 'bottle', 'dairy', 650, 0.9, 'ghee', 'packaged_food', 0.4, 2, 6, ['sweets', 'pooja']),
  p('EGGS', 'Eggs', ['anda', 'ande', 'egg'], 'piece', 'dairy', 7, 0.85, 'eggs', 'packaged_food', 0.97, 1, 1.2, ['baking']),
  p('BREAD-400', 'Bread 400g', ['bread', 'double roti'], 'packet', 'bakery', 45, 0.88, 'bread', 'packaged_food', 0.9, 1, 1, ['baking']),
  p('RICE-SONA', 'Sona Masoori Rice (loose)', ['chawal', 'rice', 'tandul'], 'kg', 'staples', 52, 0.87, 'rice', 'packaged_food', 0.9, 2, 5, ['rice']),
  p('RICE-BASMATI-1KG', 'Basmati Rice 1kg', ['basmati'], 'packet', 'staples', 140, 0.87, 'rice', 'packaged_food', 0.6, 2, 3, ['rice']),
  p('ATTA-5KG', 'Aashirvaad Atta 5kg', ['atta', 'aata', 'gehu ka atta', 'wheat flour'], 'packet', 'staples', 285, 0.92, 'wheat_atta', 'packaged_food', 0.8, 2, 1.5, ['atta']),
  p('MAIDA', 'Maida (loose)', ['maida', 'refined flour'], 'kg', 'staples', 45, 0.84, 'maida', 'packaged_food', 0.55, 2, 6, ['sweets', 'baking']),
  p('SUJI-500', 'Suji / Rava 500g', ['suji', 'sooji', 'rava'], 'packet', 'staples', 32, 0.84, 'suji', 'packaged_food', 0.55, 2, 5, ['sweets']),
  p('BESAN-500', 'Besan 500g', ['besan', 'gram flour'], 'packet', 'staples', 55, 0.85, 'besan', 'packaged_food', 0.55, 2, 4, ['sweets']),
  p('POHA-500', 'Poha 500g', ['poha', 'pohe', 'chivda'], 'packet', 'staples', 38, 0.84, 'poha', 'packaged_food', 0.7, 2, 3),
  p('TUR-DAL', 'Tur Dal (loose)', ['toor dal', 'arhar dal', 'tur dal', 'toor'], 'kg', 'pulses', 118, 0.89, 'tur_dal', 'packaged_food', 0.8, 2, 2.5),
  p('CHANA-DAL', 'Chana Dal (loose)', ['chana dal'], 'kg', 'pulses', 84, 0.88, 'chana_dal', 'packaged_food', 0.6, 2, 5),
  p('MOONG-DAL', 'Moong Dal (loose)', ['moong dal', 'mung dal'], 'kg', 'pulses', 110, 0.88, 'moong_dal', 'packaged_food', 0.55, 2, 6, ['pongal']),
  p('MASOOR-DAL', 'Masoor Dal (loose)', ['masoor dal', 'masur dal'], 'kg', 'pulses', 98, 0.88, 'masoor_dal', 'packaged_food', 0.5, 2, 6),
  p('URAD-DAL', 'Urad Dal (loose)', ['urad dal', 'udid dal'], 'kg', 'pulses', 112, 0.88, 'urad_dal', 'packaged_food', 0.45, 2, 7),
  p('SUGAR', 'Sugar (loose)', ['cheeni', 'chini', 'shakkar', 'sakhar'], 'kg', 'staples', 46, 0.9, 'sugar', 'packaged_food', 0.88, 2, 1.2, ['sweets', 'milk']),
  p('JAGGERY', 'Jaggery (gur)', ['gur', 'gud', 'gul'], 'kg', 'staples', 48, 0.83, 'jaggery', 'packaged_food', 0.45, 2, 8, ['sweets', 'pongal', 'chhath']),
  p('SALT-1KG', 'Tata Salt 1kg', ['namak', 'meeth'], 'packet', 'staples', 28, 0.89, 'salt', 'packaged_food', 0.75, 3, 6),
  p('TEA-250', 'Tata Tea Premium 250g', ['chai patti', 'chai', 'tea'], 'packet', 'beverages', 145, 0.9, 'tea', 'packaged_food', 0.7, 3, 3),
  p('COFFEE-50', 'Nescafe Classic 50g', ['coffee'], 'packet', 'beverages', 175, 0.9, 'coffee', 'packaged_food', 0.35, 3, 10),
  p('OIL-MUSTARD-1L', 'Mustard Oil 1L', ['sarson tel', 'sarso ka tel', 'mustard oil'], 'bottle', 'oils', 160, 0.91, 'mustard_oil', 'packaged_food', 0.55, 2, 4, ['oil']),
  p('OIL-GROUNDNUT-1L', 'Groundnut Oil 1L', ['shengdana tel', 'mungfali tel', 'groundnut oil'], 'bottle', 'oils', 190, 0.91, 'groundnut_oil', 'packaged_food', 0.6, 2, 1.5, ['oil', 'fasting']),
  p('OIL-SUNFLOWER-1L', 'Sunflower Oil 1L', ['refined oil', 'sunflower oil'], 'packet', 'oils', 155, 0.91, 'sunflower_oil', 'packaged_food', 0.7, 2, 3, ['oil']),
  p('ONION', 'Onion', ['pyaz', 'pyaaz', 'kanda', 'onion'], 'kg', 'vegetables', 28, 0.75, 'onion', 'fresh_produce', 0.95, 1, 1.5, ['onion_garlic']),
  p('POTATO', 'Potato', ['aloo', 'alu', 'batata'], 'kg', 'vegetables', 24, 0.74, 'potato', 'fresh_produce', 0.93, 1, 1, ['fasting']),
  p('TOMATO', 'Tomato', ['tamatar', 'tameta'], 'kg', 'vegetables', 55, 0.7, 'tomato', 'fresh_produce', 0.88, 1, 0.8),
  p('GARLIC', 'Garlic', ['lehsun', 'lasun', 'lahsun'], 'kg', 'vegetables', 200, 0.8, 'garlic', 'fresh_produce', 0.5, 1, 3, ['onion_garlic']),
  p('GINGER', 'Ginger', ['adrak', 'aale'], 'kg', 'vegetables', 140, 0.78, 'ginger', 'fresh_produce', 0.45, 1, 3),
  p('GREEN-CHILLI', 'Green Chilli', ['hari mirchi', 'mirchi'], 'kg', 'vegetables', 80, 0.75, 'green_chilli', 'fresh_produce', 0.6, 1, 1),
  p('HALDI-100', 'Turmeric Powder 100g', ['haldi', 'halad', 'turmeric'], 'packet', 'spices', 32, 0.84, 'turmeric', 'packaged_food', 0.5, 3, 8),
  p('MIRCHI-PWD-100', 'Chilli Powder 100g', ['lal mirch', 'mirchi powder', 'chilli powder'], 'packet', 'spices', 45, 0.84, 'chilli_powder', 'packaged_food', 0.5, 3, 8),
  p('PARLE-G', 'Parle-G Biscuits', ['parle g', 'biscuit', 'biskut'], 'packet', 'snacks', 10, 0.85, 'biscuits', 'packaged_food', 0.96, 3, 2, ['snacks']),
  p('NAMKEEN-200', 'Haldiram Namkeen 200g', ['namkeen', 'bhujia', 'farsan'], 'packet', 'snacks', 55, 0.85, 'namkeen', 'packaged_food', 0.65, 3, 4, ['snacks']),
  p('MAGGI-70', 'Maggi Noodles 70g', ['maggi', 'noodles'], 'packet', 'snacks', 14, 0.86, 'noodles', 'packaged_food', 0.9, 3, 2, ['snacks']),
  p('SOAP-LIFEBUOY', 'Lifebuoy Soap 100g', ['sabun', 'soap'], 'piece', 'personal care', 38, 0.86, 'soap', 'household', 0.85, 3, 6, ['cleaning']),
  p('SURF-1KG', 'Surf Excel 1kg', ['surf', 'detergent', 'washing powder'], 'packet', 'household', 140, 0.9, 'detergent', 'household', 0.7, 3, 5, ['cleaning']),
  p('COLGATE-150', 'Colgate Toothpaste 150g', ['colgate', 'toothpaste', 'manjan'], 'piece', 'personal care', 95, 0.88, 'toothpaste', 'household', 0.6, 3, 7),
  p('AGARBATTI', 'Agarbatti', ['agarbatti', 'incense'], 'box', 'pooja', 40, 0.78, 'agarbatti', 'household', 0.6, 3, 6, ['pooja']),
  p('MATCHBOX', 'Matchbox', ['machis', 'matchbox', 'kaadipeti'], 'box', 'household', 2, 0.75, 'matchbox', 'household', 0.8, 3, 10, ['pooja']),
];

/**
 * What the feeds call each commodity, in what unit, and which products they price. AGMARKNET
 * (data.gov.in) names come from the feed itself ("Arhar Dal(Tur Dal)", "Gur(Jaggery)"); DCA
 * columns from the Department of Consumer Affairs' daily report table.
 */
import type { CanonicalProduct } from '../../domain/canonical-products.js';
import type { MarketCommodity } from '../../domain/prices.js';
import type { Product } from '../../domain/product.js';

export interface CommodityInfo {
  /** The market unit: oils and milk by the litre, the rest by the kg. */
  unit: 'kg' | 'litre';
  /** AGMARKNET commodity names (used in `filters[commodity]`). */
  agmarknet: readonly string[];
  /** DCA report column. */
  dca?: string;
  /** Kg per litre, for oils the feeds price by weight. */
  kgPerLitre?: number;
}

/** Edible oils weigh about 0.91 kg a litre. */
const OIL = 0.91;

export const COMMODITIES: Record<MarketCommodity, CommodityInfo> = {
  rice: { unit: 'kg', agmarknet: ['Rice'], dca: 'rice' },
  wheat: { unit: 'kg', agmarknet: ['Wheat'], dca: 'wheat' },
  wheat_atta: { unit: 'kg', agmarknet: ['Wheat Atta'], dca: 'atta_wheat' },
  maida: { unit: 'kg', agmarknet: ['Maida Atta'] },
  tur_dal: { unit: 'kg', agmarknet: ['Arhar Dal(Tur Dal)'], dca: 'tur_arhar_dal' },
  chana_dal: { unit: 'kg', agmarknet: ['Bengal Gram Dal(Chana Dal)'], dca: 'gram_dal' },
  moong_dal: { unit: 'kg', agmarknet: ['Green Gram Dal(Moong Dal)'], dca: 'moong_dal' },
  masoor_dal: { unit: 'kg', agmarknet: ['Masur Dal'], dca: 'masoor_dal' },
  urad_dal: { unit: 'kg', agmarknet: ['Black Gram Dal(Urd Dal)'], dca: 'urad_dal' },
  sugar: { unit: 'kg', agmarknet: ['Sugar'], dca: 'sugar' },
  jaggery: { unit: 'kg', agmarknet: ['Gur(Jaggery)'], dca: 'gur' },
  salt: { unit: 'kg', agmarknet: [], dca: 'salt_pack_iodised' },
  tea: { unit: 'kg', agmarknet: [], dca: 'tea_loose' },
  milk: { unit: 'litre', agmarknet: [], dca: 'milk' },
  mustard_oil: { unit: 'litre', agmarknet: ['Mustard Oil'], dca: 'mustard_oil_packed', kgPerLitre: OIL },
  groundnut_oil: { unit: 'litre', agmarknet: ['Groundnut Oil'], dca: 'groundnut_oil_packed', kgPerLitre: OIL },
  sunflower_oil: { unit: 'litre', agmarknet: ['Sunflower Oil'], dca: 'sunflower_oil_packed', kgPerLitre: OIL },
  onion: { unit: 'kg', agmarknet: ['Onion'], dca: 'onion' },
  potato: { unit: 'kg', agmarknet: ['Potato'], dca: 'potato' },
  tomato: { unit: 'kg', agmarknet: ['Tomato'], dca: 'tomato' },
};

const byAgmarknet = new Map(Object.entries(COMMODITIES).flatMap(([key, info]) => info.agmarknet.map((name) => [name.toLowerCase(), key as MarketCommodity])));
const byDca = new Map(Object.entries(COMMODITIES).flatMap(([key, info]) => (info.dca ? [[info.dca, key as MarketCommodity]] : [])));

export function commodityOfAgmarknet(name: string): MarketCommodity | undefined {
  return byAgmarknet.get(name.trim().toLowerCase());
}

export function commodityOfDcaColumn(column: string): MarketCommodity | undefined {
  return byDca.get(column);
}

/** The commodity a catalogue product is priced as, through its canonical key. */
const CANONICAL_COMMODITY: Partial<Record<CanonicalProduct, MarketCommodity>> = {
  rice: 'rice', wheat_atta: 'wheat_atta', maida: 'maida', tur_dal: 'tur_dal', chana_dal: 'chana_dal', moong_dal: 'moong_dal',
  masoor_dal: 'masoor_dal', urad_dal: 'urad_dal', sugar: 'sugar', jaggery: 'jaggery', salt: 'salt', tea: 'tea', milk: 'milk',
  mustard_oil: 'mustard_oil', groundnut_oil: 'groundnut_oil', sunflower_oil: 'sunflower_oil', onion: 'onion', potato: 'potato', tomato: 'tomato',
};

export function commodityOf(product: Pick<Product, 'canonical'>): MarketCommodity | undefined {
  return product.canonical ? CANONICAL_COMMODITY[product.canonical] : undefined;
}

const SIZE = /(\d+(?:\.\d+)?)\s*(kg|kgs|g|gm|gms|gram|grams|l|ltr|litre|litres|liter|ml)\b/i;

/**
 * How much of the market unit one unit of the product holds: 1 for loose goods sold by the kg
 * or litre, the pack size for packets and bottles ("Aashirvaad Atta 5kg" → 5 kg, "Milk 500ml" →
 * 0.5 l). Undefined when the pack size is not known (then prices cannot be compared per kg).
 */
export function packOf(product: Pick<Product, 'unit' | 'name'>, commodity: MarketCommodity): number | undefined {
  const info = COMMODITIES[commodity];
  if (product.unit === 'kg' || product.unit === 'litre') return 1;
  if (product.unit === 'g' || product.unit === 'ml') return 0.001;
  const m = SIZE.exec(product.name);
  if (!m) return undefined;
  const size = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const weight = unit.startsWith('k') ? size : unit === 'g' || unit.startsWith('gm') || unit.startsWith('gram') ? size / 1000 : undefined;
  const volume = unit === 'ml' ? size / 1000 : unit.startsWith('l') ? size : undefined;
  if (info.unit === 'kg') return weight ?? (volume !== undefined && info.kgPerLitre ? volume * info.kgPerLitre : undefined);
  return volume ?? (weight !== undefined && info.kgPerLitre ? weight / info.kgPerLitre : undefined);
}

/**
 * How much festivals lift (or cut) a kirana's sales, by product tag. These are the demo's
 * assumptions, from common retail knowledge (sweets ingredients and pooja items before Diwali,
 * no onion or garlic for many households during Navratri), not measurements: the evaluation
 * sales have no Indian festivals. The forecast engine estimates lifts from data instead.
 */
import type { Festival } from '../domain/festivals.js';

export type LiftTag =
  | 'sweets' | 'milk' | 'oil' | 'snacks' | 'pooja' | 'cleaning' | 'fasting' | 'onion_garlic'
  | 'rice' | 'pongal' | 'chhath' | 'atta' | 'baking';

/** Multiplier on a festival's peak days; the rest of its window gets 60 % of the effect. */
export const FESTIVAL_LIFTS: Record<Festival, Partial<Record<LiftTag, number>> & { other: number }> = {
  diwali: { sweets: 1.9, milk: 1.5, oil: 1.5, snacks: 1.5, pooja: 2.2, cleaning: 1.4, atta: 1.2, other: 1.15 },
  navratri: { fasting: 1.35, onion_garlic: 0.75, pooja: 1.5, other: 1.0 },
  holi: { sweets: 1.4, milk: 1.5, snacks: 1.4, other: 1.05 },
  eid_ul_fitr: { milk: 1.6, sweets: 1.5, baking: 1.3, other: 1.1 },
  eid_ul_adha: { onion_garlic: 1.3, rice: 1.3, oil: 1.2, other: 1.05 },
  pongal: { pongal: 2.0, rice: 1.6, sweets: 1.3, milk: 1.2, other: 1.05 },
  raksha_bandhan: { sweets: 1.3, snacks: 1.2, other: 1.0 },
  ganesh_chaturthi: { pooja: 1.8, sweets: 1.4, other: 1.05 },
  onam: { rice: 1.4, oil: 1.3, sweets: 1.2, other: 1.05 },
  chhath: { chhath: 1.9, atta: 1.5, sweets: 1.3, other: 1.05 },
  christmas: { baking: 1.4, sweets: 1.2, other: 1.02 },
};

/** Share of a festival's lift that applies in a state (regional festivals lift little elsewhere). */
const RELEVANCE: Partial<Record<Festival, Record<string, number>>> = {
  pongal: { TN: 1, PY: 1, AP: 0.6, TS: 0.5, KA: 0.5, default: 0.15 },
  onam: { KL: 1, default: 0.1 },
  chhath: { BR: 1, JH: 1, UP: 0.8, DL: 0.6, default: 0.1 },
  ganesh_chaturthi: { MH: 1, GA: 0.8, KA: 0.6, TS: 0.6, AP: 0.6, GJ: 0.5, default: 0.3 },
  navratri: { GJ: 1, default: 0.7 },
  eid_ul_fitr: { default: 0.6 },
  eid_ul_adha: { default: 0.5 },
  christmas: { GA: 1, KL: 0.8, default: 0.4 },
};

/** The multiplier for a product with these tags on a window day, in a state. */
export function festivalLift(festival: Festival, tags: readonly string[], state: string, peak: boolean): number {
  const lifts = FESTIVAL_LIFTS[festival];
  // A product with several tags takes the strongest move, up or down.
  const tagged = tags.map((t) => lifts[t as LiftTag]).filter((x): x is number => x !== undefined);
  const raw = tagged.length ? tagged.reduce((a, b) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a)) : lifts.other;
  const relevance = RELEVANCE[festival]?.[state] ?? RELEVANCE[festival]?.default ?? 1;
  return 1 + (raw - 1) * relevance * (peak ? 1 : 0.6);
}

import { z } from 'zod';
import { LANGUAGES } from './language.js';

/** Store ids appear in storage keys and partition paths, so they keep to a safe alphabet. */
export const storeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes');

export const storeSchema = z.object({
  storeId: storeIdSchema,
  name: z.string().min(1).max(120),
  city: z.string().min(1).max(80),
  district: z.string().max(80).optional(),
  /** ISO 3166-2:IN subdivision code without the country, e.g. `MH`, `TN`. */
  state: z.string().regex(/^[A-Z]{2}$/),
  language: z.enum(LANGUAGES),
  timezone: z.string().default('Asia/Kolkata'),
  /** Share of lead times that should end without running out: sets reorder safety stock. */
  serviceLevel: z.number().min(0.5).max(0.999).optional(),
  /** The margin on cost the owner aims for (share of the price): the price advice works towards it. */
  targetMargin: z.number().min(0).max(0.9).optional(),
  createdAt: z.string(),
});

export type Store = z.infer<typeof storeSchema>;

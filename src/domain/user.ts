import { z } from 'zod';
import { LANGUAGES } from './language.js';
import { storeIdSchema } from './store.js';

export const ROLES = ['owner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const userSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
  /** Owners belong to one store; admins to none. */
  storeId: storeIdSchema.optional(),
  name: z.string().max(120).optional(),
  /** E.164 (`+919800000001`). */
  phone: z.string().regex(/^\+[1-9]\d{7,14}$/).optional(),
  email: z.email().optional(),
  language: z.enum(LANGUAGES),
  /** scrypt hash for people who log in to the panel. */
  passwordHash: z.string().optional(),
  createdAt: z.string(),
});

export type User = z.infer<typeof userSchema>;

/** A channel address (`whatsapp:+919800000001`, `sms:+919800000001`) and whose it is. */
export interface Identity {
  address: string;
  userId: string;
  storeId?: string;
  createdAt: string;
}

/** A stored API key: only its SHA-256 is kept; the key itself is shown once. */
export interface ApiKeyRecord {
  keyHash: string;
  /** The owner's store; absent for admin keys. */
  storeId?: string;
  userId: string;
  role: Role;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

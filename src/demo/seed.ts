/**
 * Seeds the demo kirana when the data directory has none: a Pune store with 43 products and
 * 450 days of simulated daily sales, an owner reachable on WhatsApp/SMS with an API key, and an
 * admin. The store record is written last, so a seed that dies half-way runs again next time.
 */
import { generateApiKey, hashApiKey } from '../domain/api-key.js';
import { addDays, todayIn } from '../domain/dates.js';
import { generatePassword, hashPassword } from '../domain/password.js';
import type { Product } from '../domain/product.js';
import type { Store } from '../domain/store.js';
import type { ApiKeyRecord, User } from '../domain/user.js';
import type { Repositories } from '../storage/repositories.js';
import type { SalesLake } from '../storage/sales-lake.js';
import { DEMO_CATALOGUE } from './catalogue.js';
import { generateHistory } from './sales-generator.js';

export const DEMO_STORE_ID = 'demo-kirana';
export const DEMO_OWNER_ID = 'user_demo_owner';
/** The demo owner's panel login (with the demo password). */
export const DEMO_OWNER_EMAIL = 'owner@bharatsense.local';
export const DEMO_ADMIN_ID = 'user_demo_admin';
export const DEMO_HISTORY_DAYS = 450;

export interface DemoOptions {
  ownerPhone: string;
  adminEmail: string;
  /** Fixed API key for the owner; generated when absent. */
  apiKey?: string;
  adminPassword?: string;
  /** Secrets generated earlier (kept by the caller, e.g. in DATA_DIR), reused on restarts. */
  remembered?: { apiKey?: string; adminPassword?: string; adminApiKey?: string };
  now?: Date;
}

export interface DemoCredentials {
  storeId: string;
  apiKey: string;
  /** The admin's API key, for scripts (people log in with a password). */
  adminApiKey: string;
  ownerPhone: string;
  /** The owner's panel login, with the admin's password. */
  ownerEmail: string;
  adminEmail: string;
  /** Present when generated now or remembered; absent when set from the environment. */
  adminPassword?: string;
}

export interface SeedResult {
  created: boolean;
  credentials: DemoCredentials;
}

export async function seedDemo(repos: Repositories, lake: SalesLake, options: DemoOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const existing = await repos.stores.get({ storeId: DEMO_STORE_ID });
  const apiKey = options.apiKey ?? options.remembered?.apiKey ?? generateApiKey();
  const adminApiKey = options.remembered?.adminApiKey ?? generateApiKey();
  const adminPassword = options.adminPassword ?? options.remembered?.adminPassword ?? (existing ? undefined : generatePassword());

  const store: Store = { storeId: DEMO_STORE_ID, name: 'Shree Ganesh Kirana', city: 'Pune', district: 'Pune', state: 'MH', language: 'hi', timezone: 'Asia/Kolkata', createdAt: at };

  if (!existing) {
    const end = addDays(todayIn(store.timezone, now), -1);
    const history = generateHistory({ catalogue: DEMO_CATALOGUE, end, days: DEMO_HISTORY_DAYS, state: store.state, seed: 'bharatsense-demo-v1' });
    await lake.upsert(DEMO_STORE_ID, history.sales);
    for (const item of DEMO_CATALOGUE) {
      const generated = history.products.get(item.sku)!;
      const product: Product = {
        storeId: DEMO_STORE_ID,
        sku: item.sku,
        name: item.name,
        aliases: item.aliases,
        unit: item.unit,
        category: item.category,
        price: generated.price,
        cost: Math.round(generated.price * item.costRatio * 100) / 100,
        stock: stockOf(item.unit, generated.dailyLevel * item.stockDays),
        canonical: item.canonical,
        leadTimeDays: item.leadTimeDays,
        updatedAt: at,
      };
      await repos.products.put(product);
    }
    const owner: User = { userId: DEMO_OWNER_ID, role: 'owner', storeId: DEMO_STORE_ID, name: 'Ramesh Sharma', phone: options.ownerPhone, language: 'en', createdAt: at };
    await repos.users.put(owner);
    if (adminPassword) {
      const admin: User = { userId: DEMO_ADMIN_ID, role: 'admin', email: options.adminEmail, name: 'Demo Admin', language: 'en', passwordHash: await hashPassword(adminPassword), createdAt: at };
      await repos.users.put(admin);
    }
  }

  // The owner logs in to the panel with the demo password too (also in data made before panel logins).
  const owner = await repos.users.get({ userId: DEMO_OWNER_ID });
  if (owner && adminPassword && !owner.passwordHash) {
    await repos.users.update({ userId: DEMO_OWNER_ID }, { email: DEMO_OWNER_EMAIL, passwordHash: await hashPassword(adminPassword) });
  }

  // Every start makes sure the configured phone and key reach the owner.
  for (const channel of ['whatsapp', 'sms'] as const) {
    await repos.identities.put({ address: `${channel}:${options.ownerPhone}`, userId: DEMO_OWNER_ID, storeId: DEMO_STORE_ID, createdAt: at });
  }
  await ensureApiKey(repos, { keyHash: hashApiKey(apiKey), storeId: DEMO_STORE_ID, userId: DEMO_OWNER_ID, role: 'owner', label: 'demo owner', createdAt: at });
  await ensureApiKey(repos, { keyHash: hashApiKey(adminApiKey), userId: DEMO_ADMIN_ID, role: 'admin', label: 'demo admin', createdAt: at });
  if (!existing) await repos.stores.put(store);
  return {
    created: !existing,
    credentials: { storeId: DEMO_STORE_ID, apiKey, adminApiKey, ownerPhone: options.ownerPhone, ownerEmail: DEMO_OWNER_EMAIL, adminEmail: options.adminEmail, ...(adminPassword ? { adminPassword } : {}) },
  };
}

async function ensureApiKey(repos: Repositories, record: ApiKeyRecord): Promise<void> {
  if (!(await repos.apiKeys.get({ keyHash: record.keyHash }))) await repos.apiKeys.put(record);
}

function stockOf(unit: Product['unit'], quantity: number): number {
  return unit === 'kg' || unit === 'litre' ? Math.round(quantity * 10) / 10 : Math.round(quantity);
}

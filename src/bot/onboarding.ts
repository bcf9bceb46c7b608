/**
 * Onboarding an unknown number entirely in chat: language menu → shop name → town and state
 * → first products (optional). The last step creates the Store, the owner User and the
 * number's identities, and attaches this conversation to them.
 */
import type { TFunction } from 'i18next';
import { CANONICAL_DEFAULTS, type CanonicalProduct } from '../domain/canonical-products.js';
import { newId } from '../domain/ids.js';
import { findState } from '../domain/india-states.js';
import type { Conversation, DialogueState } from '../domain/message.js';
import type { Product } from '../domain/product.js';
import type { Store } from '../domain/store.js';
import type { User } from '../domain/user.js';
import type { Repositories } from '../storage/repositories.js';
import { menuChoice } from './handlers/language.js';
import { translator } from './i18n.js';
import { parseMessage } from './nlu/index.js';

type Onboarding = Extract<NonNullable<DialogueState['pending']>, { kind: 'onboarding' }>;

export interface OnboardingTurn {
  text: string;
  /** The next pending step, or undefined when the shop was created. */
  next?: Onboarding;
}

const SKIP = /^\s*(skip|no|nahi|nahin|none|na|later|baad me|बाद में|नहीं|छोड़ो)\s*$/i;

export async function onboard(repos: Repositories, conversation: Conversation, text: string, state: Onboarding | undefined, now: Date): Promise<OnboardingTurn> {
  const t = await translator(conversation.language);
  if (!state) {
    return { text: [t('onboarding.welcome'), t('language.menu')].join('\n\n'), next: { kind: 'onboarding', step: 'language' } };
  }
  if (state.step === 'language') {
    const chosen = menuChoice(text, parseMessage(text).targetLanguage);
    const language = chosen ?? conversation.language;
    await repos.conversations.update({ conversationId: conversation.conversationId }, { language });
    conversation.language = language;
    return { text: (await translator(language))('onboarding.askStoreName'), next: { kind: 'onboarding', step: 'store_name' } };
  }
  if (state.step === 'store_name') {
    const name = text.replace(/\s+/g, ' ').trim().slice(0, 80);
    if (name.length < 2) return { text: t('onboarding.askStoreName'), next: state };
    return { text: t('onboarding.askLocation', { store: name }), next: { ...state, step: 'location', storeName: name } };
  }
  if (state.step === 'location') {
    const found = findState(text);
    if (!found) return { text: t('onboarding.locationNotUnderstood'), next: state };
    const city = titleCase(found.rest) || found.state.name;
    return { text: t('onboarding.askProducts'), next: { ...state, step: 'products', city, state: found.state.code } };
  }
  return finish(repos, conversation, text, state, t, now);
}

async function finish(repos: Repositories, conversation: Conversation, text: string, state: Onboarding, t: TFunction, now: Date): Promise<OnboardingTurn> {
  const at = now.toISOString();
  const slug = (state.storeName ?? 'shop').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'shop';
  const storeId = `${slug}-${newId('').slice(-6)}`;
  const phone = conversation.address.slice(conversation.address.indexOf(':') + 1);
  const userId = newId('user');
  const canonicals = SKIP.test(text) ? [] : productsNamed(text);
  const products: Product[] = canonicals.map((canonical) => {
    const defaults = CANONICAL_DEFAULTS[canonical];
    return {
      storeId,
      sku: canonical.toUpperCase().replace(/_/g, '-'),
      name: defaults.name,
      aliases: [],
      unit: defaults.unit,
      category: defaults.category,
      price: 0,
      cost: 0,
      stock: 0,
      canonical,
      leadTimeDays: 1,
      updatedAt: at,
    };
  });
  const store: Store = { storeId, name: state.storeName ?? 'My shop', city: state.city ?? 'Unknown', state: state.state ?? 'MH', language: conversation.language, timezone: 'Asia/Kolkata', createdAt: at };
  const user: User = { userId, role: 'owner', storeId, language: conversation.language, createdAt: at, ...(/^\+[1-9]\d{7,14}$/.test(phone) ? { phone } : {}) };
  for (const product of products) await repos.products.put(product);
  await repos.users.put(user);
  await repos.stores.put(store);
  for (const channel of ['whatsapp', 'sms'] as const) {
    await repos.identities.put({ address: `${channel}:${phone}`, userId, storeId, createdAt: at });
  }
  await repos.conversations.update({ conversationId: conversation.conversationId }, { userId, storeId });
  const added = products.length
    ? t('onboarding.productsAdded', { count: products.length, products: products.map((p) => p.name).join(', ') })
    : SKIP.test(text) ? undefined : t('onboarding.productsNotRecognised');
  return { text: [added, t('onboarding.done', { store: store.name })].filter(Boolean).join('\n') };
}

/** Each comma- or "and"-separated part that names a known product. */
function productsNamed(text: string): CanonicalProduct[] {
  const parts = text.split(/[,،、;\n]|\band\b|\baur\b|और|மற்றும்|మరియు|এবং|ಮತ್ತು|ഉം|ਅਤੇ|ଏବଂ|આને|અને/i);
  const found = new Set<CanonicalProduct>();
  for (const part of parts) {
    const canonical = parseMessage(part).product?.canonical;
    if (canonical) found.add(canonical);
  }
  return [...found];
}

const titleCase = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase()).trim();

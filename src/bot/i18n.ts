/**
 * Reply texts come from i18next catalogs under `locales/<language>/bot.json`, loaded once.
 * Only English exists so far; other languages fall back to it until their catalogs land.
 */
import i18next, { type TFunction } from 'i18next';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Language } from '../domain/language.js';

const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));
const AVAILABLE = ['en'] as const;

let instance: Promise<typeof i18next> | undefined;

function load(): Promise<typeof i18next> {
  instance ??= (async () => {
    const i18n = i18next.createInstance();
    const resources = Object.fromEntries(
      AVAILABLE.map((lng) => [lng, { bot: JSON.parse(readFileSync(`${LOCALES_DIR}${lng}/bot.json`, 'utf8')) }]),
    );
    await i18n.init({
      resources,
      ns: ['bot'],
      defaultNS: 'bot',
      fallbackLng: 'en',
      // Replies go to chat, not HTML: nothing to escape.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    return i18n;
  })();
  return instance;
}

const bound = new Map<Language, TFunction>();

/** A translator bound to one language. */
export async function translator(language: Language): Promise<TFunction> {
  let t = bound.get(language);
  if (!t) bound.set(language, (t = (await load()).getFixedT(language)));
  return t;
}

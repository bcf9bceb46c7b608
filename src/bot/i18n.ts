/**
 * Reply texts come from i18next catalogs under `locales/<language>/bot.json`, one per
 * language, loaded once. Keys are type-checked against the English catalog (i18n-types.ts),
 * and a test holds every catalog to the same keys and plural forms.
 */
import i18next, { type TFunction } from 'i18next';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from '../domain/language.js';
import './i18n-types.js';

export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

/** The Intl locale for dates in each language (Hinglish reads Latin script, so en-IN). */
export const INTL_LOCALE: Record<Language, string> = {
  en: 'en-IN', hi: 'hi-IN', 'hi-Latn': 'en-IN', bn: 'bn-IN', mr: 'mr-IN', ta: 'ta-IN',
  te: 'te-IN', gu: 'gu-IN', kn: 'kn-IN', ml: 'ml-IN', pa: 'pa-IN', or: 'or-IN',
};

let instance: Promise<typeof i18next> | undefined;

function load(): Promise<typeof i18next> {
  instance ??= (async () => {
    const i18n = i18next.createInstance();
    const resources = Object.fromEntries(
      LANGUAGES.filter((lng) => existsSync(`${LOCALES_DIR}${lng}/bot.json`)).map((lng) => [
        lng,
        { bot: JSON.parse(readFileSync(`${LOCALES_DIR}${lng}/bot.json`, 'utf8')) },
      ]),
    );
    await i18n.init({
      resources,
      ns: ['bot'],
      defaultNS: 'bot',
      // Hinglish must not borrow Devanagari Hindi for a missing key: only its own catalog, then English.
      load: 'currentOnly',
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
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

/**
 * The panel's words in English and Hindi (src/locales), through i18next like the bot's. The
 * choice is remembered on this device, and `<html lang>` follows it so screen readers read
 * Hindi as Hindi.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import hi from './locales/hi.json';

export const UI_LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिन्दी' },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

const KEY = 'bharatsense.lang';

function savedLanguage(): UiLanguage {
  return localStorage.getItem(KEY) === 'hi' ? 'hi' : 'en';
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** Loads both catalogues (they are small) in the remembered language. */
export const i18nReady = i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, hi: { translation: hi } },
  lng: savedLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'hi'],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function chooseLanguage(lng: UiLanguage): Promise<unknown> {
  localStorage.setItem(KEY, lng);
  return i18next.changeLanguage(lng);
}

export { i18next };

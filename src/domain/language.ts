/** The languages owners are answered in. `hi-Latn` is Hinglish: Hindi written in Latin letters. */
export const LANGUAGES = ['en', 'hi', 'hi-Latn', 'bn', 'mr', 'ta', 'te', 'gu', 'kn', 'ml', 'pa', 'or'] as const;

export type Language = (typeof LANGUAGES)[number];

export function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

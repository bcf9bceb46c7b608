/** Every locale says everything English says, with the plural forms its language needs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDay, formatRupees } from '../../src/bot/format.js';
import { INTL_LOCALE, LOCALES_DIR, translator } from '../../src/bot/i18n.js';
import { LANGUAGES } from '../../src/domain/language.js';

type Catalog = { [key: string]: string | Catalog };
const load = (lng: string): Catalog => JSON.parse(readFileSync(join(LOCALES_DIR, lng, 'bot.json'), 'utf8'));
const flatten = (catalog: Catalog, prefix = ''): Map<string, string> =>
  new Map(Object.entries(catalog).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : [...flatten(v, `${prefix}${k}.`)])));
const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const english = flatten(load('en'));
/** Keys without their plural suffix, and the suffixes English uses for them. */
const pluralKeys = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));

describe.each(LANGUAGES.filter((l) => l !== 'en'))('locale %s', (lng) => {
  const catalog = flatten(load(lng));
  const categories = new Intl.PluralRules(lng === 'hi-Latn' ? 'hi' : lng).resolvedOptions().pluralCategories;

  it('has every key English has, and no others', () => {
    const singular = (keys: Iterable<string>) => new Set([...keys].filter((k) => !PLURAL.test(k)));
    expect([...singular(catalog.keys())].sort()).toEqual([...singular(english.keys())].sort());
    for (const base of pluralKeys) expect(catalog.has(`${base}_other`), `${base}_other`).toBe(true);
  });

  it('has every plural form its language uses, and keeps the placeholders', () => {
    for (const base of pluralKeys) {
      for (const category of categories) expect(catalog.has(`${base}_${category}`), `${lng} ${base}_${category}`).toBe(true);
    }
    for (const [key, text] of catalog) {
      const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))!;
      expect(placeholders(text), `${lng} ${key}`).toEqual(placeholders(source));
      expect(text.trim().length, `${lng} ${key} is empty`).toBeGreaterThan(0);
    }
  });

  it('is written in its own script (Hinglish in Latin letters)', () => {
    const text = [...catalog.values()].join(' ').replace(/\{\{\w+\}\}/g, '');
    const devanagari = (text.match(/[\u0900-\u097f]/g) ?? []).length;
    if (lng === 'hi-Latn') {
      // Only the native language names of the language menu are allowed outside Latin.
      const withoutMenu = [...catalog].filter(([k]) => k !== 'language.menu').map(([, v]) => v).join(' ');
      expect(withoutMenu).not.toMatch(/[\u0900-\u0d7f]/);
    } else if (lng === 'hi' || lng === 'mr') {
      expect(devanagari).toBeGreaterThan(500);
    }
  });
});

describe('formatting', () => {
  it('puts 0 in the one form for Hindi, Bengali, Gujarati, Kannada and Punjabi, not for Marathi or English', async () => {
    for (const lng of ['hi', 'bn', 'gu', 'kn', 'pa'] as const) expect(new Intl.PluralRules(lng).select(0)).toBe('one');
    expect(new Intl.PluralRules('mr').select(0)).toBe('other');
    const en = await translator('en');
    expect(en('unit.packet', { count: 0, n: '0' })).toBe('0 packets');
    expect(en('unit.packet', { count: 1, n: '1' })).toBe('1 packet');
    const hi = await translator('hi');
    expect(hi('unit.packet', { count: 0, n: '0' })).toBe(hi('unit.packet', { count: 1, n: '0' }));
  });

  it('writes money with Indian grouping and dates in the owner’s language', () => {
    expect(formatRupees(125000)).toBe('₹1,25,000');
    expect(formatRupees(12345678.5)).toBe('₹1,23,45,678.5');
    expect(formatDay('2025-11-27', INTL_LOCALE.en)).toBe('Thu, 27 Nov');
    expect(formatDay('2025-11-27', INTL_LOCALE.hi)).toMatch(/गुरु/);
    expect(formatDay('2025-11-27', INTL_LOCALE.ta)).toMatch(/வியா/);
    expect(formatDay('2025-11-27', INTL_LOCALE['hi-Latn'])).toBe('Thu, 27 Nov');
  });

  it('answers Hinglish from its own catalog, never from Devanagari Hindi', async () => {
    const t = await translator('hi-Latn');
    for (const key of ['greeting', 'help', 'unknown', 'forecast.whichProduct', 'log.needProduct'] as const) expect(t(key)).not.toMatch(/[\u0900-\u097f]/);
  });
});

describe('examples shown to owners', () => {
  it('are understood: every quoted example in help, greeting and unknown parses to a real intent', async () => {
    const { parseForContract } = await import('../../src/bot/nlu/index.js');
    for (const lng of LANGUAGES) {
      const catalog = load(lng);
      const texts = [catalog.help, catalog.unknown, catalog.greeting] as string[];
      const examples = texts.flatMap((t) => [...t.matchAll(/["“]([^"”“]+)["”]/g)].map((m) => m[1]!));
      expect(examples.length, lng).toBeGreaterThanOrEqual(5);
      for (const example of examples) expect(parseForContract(example).intent, `${lng}: ${example}`).not.toBe('unknown');
    }
  });
});

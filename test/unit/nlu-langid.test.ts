/**
 * Language detection: Hinglish vs English on Hinglish-TOP's held-out test split (6,512 real
 * Hinglish queries and their English originals, ../shared/datasets), and script-based
 * detection with its Marathi/Hindi and romanized Tamil/Telugu/Bengali cues.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { detectLanguage } from '../../src/bot/nlu/index.js';
import { SHARED_DATASETS } from '../support/shared.js';

const rows = readFileSync(join(SHARED_DATASETS, 'hinglish-top/test.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));

describe('Hinglish vs English (Hinglish-TOP test split)', () => {
  it('finds at least 85 % of Hinglish with at most 2 % of English misread', () => {
    const hinglish = rows.filter(([, cs]) => detectLanguage(cs!).language === 'hi-Latn').length / rows.length;
    const englishMisread = rows.filter(([en]) => detectLanguage(en!).language === 'hi-Latn').length / rows.length;
    console.log(`Hinglish recall ${(hinglish * 100).toFixed(1)} %, English read as Hinglish ${(englishMisread * 100).toFixed(2)} % (n=${rows.length})`);
    expect(hinglish).toBeGreaterThanOrEqual(0.85);
    expect(englishMisread).toBeLessThanOrEqual(0.02);
  });
});

describe('scripts and cues', () => {
  it.each([
    ['कल कितना दूध चाहिए?', 'hi'],
    ['उद्या किती दूध लागेल?', 'mr'],
    ['साखरेचा भाव ४६ ठेवा', 'mr'],
    ['আজ কত দুধ বিক্রি হল?', 'bn'],
    ['ਕੱਲ੍ਹ ਕਿੰਨਾ ਦੁੱਧ ਚਾਹੀਦਾ?', 'pa'],
    ['કાલે કેટલું દૂધ જોઈશે?', 'gu'],
    ['କାଲି କେତେ କ୍ଷୀର ଦରକାର?', 'or'],
    ['நாளைக்கு எவ்வளவு பால் வேணும்?', 'ta'],
    ['రేపు ఎంత పాలు కావాలి?', 'te'],
    ['ನಾಳೆ ಎಷ್ಟು ಹಾಲು ಬೇಕು?', 'kn'],
    ['നാളെ എത്ര പാൽ വേണം?', 'ml'],
    ['naalaiku paal evvalavu venum', 'ta'],
    ['repu paalu entha kavali', 'te'],
    ['kal koto dudh lagbe', 'bn'],
    ['kal kitna doodh mangwau?', 'hi-Latn'],
    ['how much milk should I order for tomorrow?', 'en'],
    ['मुझे 20 packet milk चाहिए', 'hi'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('says nothing for digits and emoji, so the conversation keeps its language', () => {
    for (const text of ['20', '👍', '१२', '₹ 45']) expect(detectLanguage(text).language).toBeUndefined();
  });
});

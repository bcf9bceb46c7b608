/**
 * Which language a message is in. Script by Unicode block is exact; inside a script it takes
 * evidence: Marathi vs Hindi by their function words, Hinglish vs English by the latin-langid
 * model, romanized Tamil/Telugu/Bengali by words only those languages use. Messages with no
 * letters (digits, emoji) say nothing, and the conversation keeps its language.
 */
import type { Language } from '../../domain/language.js';
import { latinLangId } from './latin-langid.js';

export type Script = 'latin' | 'devanagari' | 'bengali' | 'gurmukhi' | 'gujarati' | 'oriya' | 'tamil' | 'telugu' | 'kannada' | 'malayalam';

const BLOCKS: Array<[number, number, Script]> = [
  [0x0900, 0x097f, 'devanagari'], [0x0980, 0x09ff, 'bengali'], [0x0a00, 0x0a7f, 'gurmukhi'], [0x0a80, 0x0aff, 'gujarati'],
  [0x0b00, 0x0b7f, 'oriya'], [0x0b80, 0x0bff, 'tamil'], [0x0c00, 0x0c7f, 'telugu'], [0x0c80, 0x0cff, 'kannada'], [0x0d00, 0x0d7f, 'malayalam'],
];

const SCRIPT_LANGUAGE: Partial<Record<Script, Language>> = {
  bengali: 'bn', gurmukhi: 'pa', gujarati: 'gu', oriya: 'or', tamil: 'ta', telugu: 'te', kannada: 'kn', malayalam: 'ml',
};

/** Words that mark Marathi or Hindi in Devanagari (each counts once per message). */
const MARATHI = new Set(['आहे', 'आहेत', 'किती', 'काय', 'मला', 'माझ्या', 'माझे', 'माझा', 'माझी', 'उद्या', 'काल', 'पाहिजे', 'झाला', 'झाले', 'झाली', 'विकले', 'विकला', 'विकली', 'नाही', 'आणि', 'तुम्ही', 'आम्ही', 'करा', 'सांगा', 'द्या', 'होता', 'होते', 'किंमत', 'आला', 'आले', 'आली', 'लागेल', 'विकेल', 'कसा', 'कशी', 'बोला', 'मध्ये', 'साठी', 'चा', 'ची', 'चे', 'ला', 'ना', 'हवे', 'हवा', 'हवी', 'आज', 'गेले', 'गेला', 'गेली', 'भाऊ', 'नवीन', 'वस्तू', 'जोडा', 'पडेल', 'पाऊस', 'आणा', 'ठेवा', 'टाका', 'पाठवा', 'सांग', 'बघा', 'कसं', 'कसे', 'झालं', 'आलं', 'विकलं', 'शिल्लक', 'बरोबर', 'यादी', 'नोंद', 'काढून', 'मागच्या', 'मागची', 'पुढच्या', 'आठवड्यात']);
const HINDI = new Set(['है', 'हैं', 'कितना', 'कितने', 'कितनी', 'क्या', 'मुझे', 'मेरे', 'मेरा', 'मेरी', 'कल', 'चाहिए', 'बिका', 'बिके', 'बिकी', 'नहीं', 'और', 'का', 'की', 'के', 'को', 'में', 'से', 'था', 'थे', 'थी', 'करो', 'बताओ', 'दो', 'आया', 'आए', 'लगेगा', 'बिकेगा', 'हो', 'गया', 'गए', 'वाला', 'लिए', 'भी', 'बोलो', 'कैसा', 'कैसी']);
// 'आज' is shared; it is listed for Marathi only so that 'आज' alone does not tip a tie to Hindi.
MARATHI.delete('आज');

/** Words only romanized Tamil, Telugu or Bengali use (Hindi-looking words like kal, aaj, dudh are left out). */
const ROMANIZED: Array<[Language, Set<string>]> = [
  ['ta', new Set(['evvalavu', 'evlo', 'evlavu', 'ethana', 'ethanai', 'venum', 'vendum', 'naalaiku', 'naalaikku', 'naalai', 'innaiku', 'indru', 'netru', 'paal', 'arisi', 'enna', 'romba', 'vilai', 'irukku', 'kudunga', 'sollunga', 'vanakkam', 'vengayam', 'thakkali', 'sakkarai', 'kilo', 'vithuchu', 'vithen', 'vikkum', 'vaanganum', 'order', 'pannu', 'pannunga', 'illa', 'aachu', 'enakku', 'en', 'kadai'].filter((w) => !['kilo', 'order', 'en'].includes(w)))],
  ['te', new Set(['entha', 'enni', 'kavali', 'kaavali', 'repu', 'ninna', 'eeroju', 'ivvala', 'paalu', 'biyyam', 'dhara', 'ammanu', 'ammindi', 'cheppu', 'cheppandi', 'namaskaram', 'ullipaya', 'ullipayalu', 'tamata', 'chakkera', 'kotta', 'undi', 'ledu', 'emi', 'enduku', 'naaku', 'teppinchu', 'konali', 'ammudu'])],
  ['bn', new Set(['koto', 'kotota', 'koyta', 'lagbe', 'dorkar', 'bikri', 'hobe', 'ache', 'achhe', 'dao', 'bolo', 'nomoshkar', 'agamikal', 'peyaj', 'alu', 'chal', 'chini', 'dam', 'beshi', 'kom', 'amar', 'amake', 'kothay', 'bechlam', 'hoyeche', 'kinbo', 'anbo', 'aajke', 'kalke'].filter((w) => !['alu', 'chal', 'chini', 'dam'].includes(w)))],
];

export interface Detection {
  /** Undefined when the message has no letters: keep the conversation's language. */
  language?: Language;
  script?: Script;
  /** How sure: 'strong' may switch a conversation's language, 'weak' only proposes. */
  strength: 'strong' | 'weak';
}

function scriptOf(code: number): Script | undefined {
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 'latin';
  for (const [from, to, script] of BLOCKS) if (code >= from && code <= to) return script;
  return undefined;
}

/** Letters per script; Indic digits, punctuation and emoji count for none. */
export function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const script = scriptOf(code);
    // Indic digit blocks (e.g. ०-९) sit inside the script blocks but are not letters.
    if (!script || /\p{Nd}/u.test(ch)) continue;
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return counts;
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{M}]+/u).filter(Boolean);

/** Marathi writes its case endings onto the word: साखरेचा, गव्हाचं, कॅटलॉगमध्ये, त्याला. */
const MARATHI_ENDING = /(चा|ची|चे|च्या|चं|मध्ये|ला|लं|ळं|सं|कं|रं|ऊन|णार|तोय|तेय|ायचं|ायचा|वा|का)$/;
/** Hindi words that happen to end like that. */
const HINDI_EXCEPTIONS = new Set(['बचा', 'बची', 'बचे', 'चाचा', 'बच्चे', 'का', 'किसका', 'उसका', 'इसका', 'मेला', 'पहला', 'अकेला', 'केला', 'निकला', 'पीला', 'गीला', 'दवा', 'हवा', 'कवा', 'क्या', 'था', 'एक', 'इतना']);

function marathiOrHindi(text: string): 'mr' | 'hi' {
  let mr = 0;
  let hi = 0;
  for (const w of new Set(words(text))) {
    if (MARATHI.has(w)) mr++;
    else if (HINDI.has(w)) hi++;
    // Short words ending like that are Hindi verbs as often (बेचा, बची): only longer ones count.
    else if ([...w].length >= 5 && MARATHI_ENDING.test(w) && !HINDI_EXCEPTIONS.has(w)) mr += 0.75;
  }
  if (text.includes('ळ')) mr++;
  return mr > hi ? 'mr' : 'hi';
}

/**
 * The language of a message. `neutral` are Latin words that belong to no language (product
 * names, brands, units): "50 kg Aashirvaad atta arrived" is English whatever "atta" sounds like.
 */
export function detectLanguage(text: string, neutral: ReadonlySet<string> = new Set()): Detection {
  const counts = scriptCounts(text);
  if (counts.size === 0) return { strength: 'weak' };
  // The Indic script with most letters, else Latin: owners drop English product names into
  // Hindi or Tamil sentences ("मुझे 20 packet milk चाहिए"), rarely the other way round.
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [script, letters] = ranked.find(([s, n]) => s !== 'latin' && n >= 3) ?? ranked[0]!;
  const strength = letters >= 2 ? 'strong' : 'weak';
  if (script === 'devanagari') return { language: marathiOrHindi(text), script, strength };
  if (script !== 'latin') return { language: SCRIPT_LANGUAGE[script]!, script, strength };

  const tokens = words(text);
  for (const [language, cues] of ROMANIZED) {
    if (tokens.filter((t) => cues.has(t)).length >= 1 && !hasHindiFunctionWord(tokens)) return { language, script, strength: 'strong' };
  }
  const model = latinLangId();
  const score = model.score(tokens.filter((t) => !neutral.has(t)).join(' '));
  // One or two words ("ok", "milk 20") prove little either way.
  const confident = tokens.length >= 3 && Math.abs(score - model.threshold) >= 2;
  return { language: score > model.threshold ? 'hi-Latn' : 'en', script, strength: confident ? 'strong' : 'weak' };
}

/** Hinglish glue words; where they appear, a Tamil-looking noun does not make the message Tamil. */
const HINDI_GLUE = new Set(['hai', 'ka', 'ke', 'ko', 'kitna', 'kitne', 'kitni', 'kya', 'mein', 'nahi', 'chahiye', 'karo', 'bika', 'aaya']);
function hasHindiFunctionWord(tokens: string[]): boolean {
  return tokens.some((t) => HINDI_GLUE.has(t));
}

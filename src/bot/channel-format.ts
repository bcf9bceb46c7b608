/**
 * Shapes a reply for the channel it goes out on. WhatsApp: *bold* kept, long replies split
 * into messages of at most 1,500 characters (Twilio allows 1,600; the margin covers Indic
 * text's combining marks) at paragraph, line or sentence boundaries. SMS: plain text, at most
 * two segments. Web: unchanged.
 */
import type { Channel } from '../domain/message.js';
import { countSegments, isGsm7 } from './sms-segments.js';

export const WHATSAPP_MAX = 1500;
export const SMS_MAX_SEGMENTS = 2;

export function formatForChannel(text: string, channel: Channel): string[] {
  if (channel === 'whatsapp') return splitMessage(text.trim(), WHATSAPP_MAX);
  if (channel === 'sms') return [smsShortForm(text)];
  return [text];
}

/** Boundaries to split at, best first: paragraph, line, sentence (incl. the Devanagari danda), word. */
const BOUNDARIES = [/\n\n/g, /\n/g, /(?<=[.!?।])\s+/g, /\s+/g];

export function splitMessage(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  for (const boundary of BOUNDARIES) {
    let cut = -1;
    for (const m of text.matchAll(boundary)) {
      if (m.index! > 0 && m.index! <= max) cut = m.index!;
      if (m.index! > max) break;
    }
    if (cut > max / 3) {
      const head = text.slice(0, cut).trimEnd();
      const tail = text.slice(cut).trimStart();
      return [head, ...splitMessage(tail, max)];
    }
  }
  // No boundary in reach: cut hard, never inside a surrogate pair.
  let at = max;
  if (/[\uD800-\uDBFF]/.test(text[at - 1] ?? '')) at--;
  return [text.slice(0, at), ...splitMessage(text.slice(at), max)];
}

/** Plain text that a basic phone shows well, and that fits two segments. */
export function smsShortForm(text: string): string {
  let plain = text
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/[•·]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  // "Rs" keeps an otherwise Latin text in GSM-7: 160 characters a segment instead of 70.
  const withRs = plain.replace(/₹\s?/g, 'Rs ');
  if (countSegments(withRs).encoding === 'GSM-7') plain = withRs;
  return fitSegments(plain, SMS_MAX_SEGMENTS);
}

/** Keeps whole lines, then whole sentences, then whole words, and marks a cut. */
function fitSegments(text: string, segments: number): string {
  if (countSegments(text).segments <= segments) return text;
  // "…" is not in GSM-7: in a GSM-7 text it would turn the whole message into UCS-2.
  const ellipsis = isGsm7(text) ? '...' : '…';
  const fits = (s: string) => countSegments(`${s}${ellipsis}`).segments <= segments;
  for (const boundary of [/\n/g, /(?<=[.!?।])\s+/g, /\s+/g]) {
    let best = '';
    for (const m of text.matchAll(boundary)) {
      const head = text.slice(0, m.index).trimEnd();
      if (fits(head)) best = head;
      else break;
    }
    if (best) return `${best}${ellipsis}`;
  }
  let cut = text;
  while (cut && !fits(cut)) cut = cut.slice(0, -1);
  return `${cut}${ellipsis}`;
}

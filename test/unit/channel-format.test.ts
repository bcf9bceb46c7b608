import { describe, expect, it } from 'vitest';
import { countSegments, formatForChannel, smsShortForm, splitMessage } from '../../src/bot/index.js';

const HINDI = 'कल के लिए दूध का अनुमान: लगभग 42 पैकेट। पिछले हफ़्ते इसी दिन 40 पैकेट बिके थे। अभी स्टॉक में 12 पैकेट हैं, इसलिए 35 पैकेट मंगवाइए।';
const TAMIL = 'நாளைக்கு பால் சுமார் 42 பாக்கெட் விற்கும். கடந்த வாரம் இதே நாளில் 40 பாக்கெட் விற்றது. இப்போது 12 பாக்கெட் கையிருப்பில் உள்ளது.';
const ENGLISH = 'Amul Taaza Milk 500ml, tomorrow: about 42 packets (likely 35 to 49). In stock: 12 packets. Order 35 packets now.';

describe('SMS segment counting', () => {
  it('counts GSM-7 English in 160/153 septets', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSegments(ENGLISH)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('counts the extension characters as two septets', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('[x]').units).toBe(5);
  });

  it('sends Hindi, Tamil, ₹ and emoji as UCS-2 in 70/67 units', () => {
    expect(countSegments(HINDI)).toEqual({ encoding: 'UCS-2', units: HINDI.length, segments: Math.ceil(HINDI.length / 67) });
    expect(countSegments(TAMIL).encoding).toBe('UCS-2');
    expect(countSegments('₹'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('₹'.repeat(71)).segments).toBe(2);
    // An emoji is two UTF-16 units.
    expect(countSegments('🙏').units).toBe(2);
  });
});

describe('SMS short form', () => {
  it('drops WhatsApp markup and emoji and writes Rs to stay in GSM-7', () => {
    const sms = smsShortForm('*Sugar*: about *41 kg* 🙏\n• Order ₹1,890 worth');
    expect(sms).toBe('Sugar: about 41 kg\n- Order Rs 1,890 worth');
    expect(countSegments(sms).encoding).toBe('GSM-7');
  });

  it('keeps every reply within two segments, cutting at a line or sentence', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Line ${i + 1}: order 10 packets of item number ${i + 1}.`).join('\n');
    const sms = smsShortForm(long);
    expect(countSegments(sms).segments).toBeLessThanOrEqual(2);
    expect(sms).toMatch(/^Line 1: order 10 packets of item number 1\./);
    // Whole lines kept, the cut marked.
    expect(sms.endsWith('...')).toBe(true);
    const kept = sms.slice(0, -3);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe('\n');
    const hindi = smsShortForm(`${HINDI}\n${HINDI}\n${HINDI}`);
    expect(countSegments(hindi)).toMatchObject({ encoding: 'UCS-2' });
    expect(countSegments(hindi).segments).toBeLessThanOrEqual(2);
    expect(hindi.endsWith('…')).toBe(true);
    expect(hindi.startsWith('कल के लिए दूध का अनुमान')).toBe(true);
  });

  it('leaves a short reply as it is', () => {
    expect(smsShortForm(ENGLISH)).toBe(ENGLISH);
  });
});

describe('WhatsApp splitting', () => {
  it('keeps a normal reply whole, with its bold', () => {
    expect(formatForChannel('*Milk*: 42 packets', 'whatsapp')).toEqual(['*Milk*: 42 packets']);
  });

  it('splits a long reply at paragraph, then sentence boundaries, every part within the limit', () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `${i}: ${HINDI} ${TAMIL}`).join('\n\n');
    const parts = formatForChannel(paragraphs, 'whatsapp');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1500);
    expect(parts.join('\n\n')).toBe(paragraphs);
    const sentences = Array.from({ length: 40 }, () => HINDI).join(' ');
    const byDanda = splitMessage(sentences, 500);
    for (const part of byDanda) {
      expect(part.length).toBeLessThanOrEqual(500);
      expect(part.endsWith('।')).toBe(true);
    }
  });

  it('cuts text without any boundary hard, never inside a surrogate pair', () => {
    const emoji = '🙏'.repeat(1000);
    const parts = splitMessage(emoji, 1501);
    expect(parts.join('')).toBe(emoji);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1501);
    expect(parts.every((p) => !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, formatDay, formatMoney, todayIn } from './format';

describe('money and dates', () => {
  it('writes rupees with Indian grouping', () => {
    expect(formatMoney(125000)).toBe('₹1,25,000');
    expect(formatMoney(12500000)).toBe('₹1,25,00,000');
    expect(formatMoney(28.5)).toBe('₹28.50');
  });

  it('keeps a calendar day on its date in any language', () => {
    expect(formatDay('2026-11-26', 'en')).toBe('26 Nov');
    expect(formatDay('2026-11-26', 'hi')).toMatch(/^26 नव/);
  });

  it('knows the store’s today and counts days across months', () => {
    // 20:00 UTC is already the next day in India.
    expect(todayIn('Asia/Kolkata', new Date('2026-11-25T20:00:00Z'))).toBe('2026-11-26');
    expect(addDays('2026-11-26', -89)).toBe('2026-08-29');
  });
});

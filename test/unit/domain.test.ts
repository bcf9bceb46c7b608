import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/domain/api-key.js';
import { addDays, dayOfWeek, isIsoDate, todayIn } from '../../src/domain/dates.js';
import { festivalWindows } from '../../src/domain/festivals.js';
import { newId } from '../../src/domain/ids.js';
import { generatePassword, hashPassword, verifyPassword } from '../../src/domain/password.js';
import { formatDay, formatRupees } from '../../src/bot/index.js';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-3')).toBe(false);
    expect(isIsoDate('26/11/2025')).toBe(false);
  });

  it('knows the store is already on the next day in India at 20:00 UTC', () => {
    const evening = new Date('2025-11-25T20:00:00Z');
    expect(todayIn('Asia/Kolkata', evening)).toBe('2025-11-26');
    expect(todayIn('UTC', evening)).toBe('2025-11-25');
  });

  it('does calendar arithmetic across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(dayOfWeek('2025-11-26')).toBe(3);
  });
});

describe('festival windows from the bundled calendar', () => {
  it('spans Diwali shopping from before Dhanteras to Bhai Dooj', () => {
    const diwali = festivalWindows('2025-10-01', '2025-10-31').find((w) => w.festival === 'diwali');
    expect(diwali).toEqual({ festival: 'diwali', start: '2025-10-16', end: '2025-10-23', peak: '2025-10-20' });
  });

  it('gives Navratri its nine nights before Dussehra, and finds Eid and Christmas', () => {
    const windows = festivalWindows('2025-01-01', '2025-12-31');
    expect(windows.find((w) => w.festival === 'navratri')).toMatchObject({ start: '2025-09-23', end: '2025-10-02' });
    expect(windows.find((w) => w.festival === 'eid_ul_fitr')?.peak).toBe('2025-03-31');
    expect(windows.find((w) => w.festival === 'christmas')?.peak).toBe('2025-12-25');
    // One window per festival and year, even where the calendar repeats a name.
    expect(windows.filter((w) => w.festival === 'pongal')).toHaveLength(1);
  });

  it('keeps regional festivals to their states, spelling states as store records do', () => {
    const inState = (state: string) => festivalWindows('2025-01-01', '2025-12-31', { state }).map((w) => w.festival);
    expect(inState('TN')).toContain('pongal');
    expect(inState('MH')).not.toContain('pongal');
    expect(inState('KL')).toContain('onam');
    expect(inState('BR')).toContain('chhath');
    // Telangana is TG in store records and TS in the calendar's rows.
    expect(inState('TG')).toContain('ganesh_chaturthi');
    expect(inState('MH')).toEqual(expect.arrayContaining(['diwali', 'navratri', 'holi', 'ganesh_chaturthi']));
  });
});

describe('secrets', () => {
  it('verifies a password only against its own hash', async () => {
    const password = generatePassword();
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password}x`, stored)).toBe(false);
    expect(await verifyPassword(password, 'md5$abc')).toBe(false);
  });

  it('stores API keys as hashes that do not reveal the key', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^bs_live_[A-Za-z0-9_-]{43}$/);
    expect(hashApiKey(key)).toHaveLength(64);
    expect(hashApiKey(key)).not.toContain(key.slice(8, 20));
    expect(generateApiKey()).not.toBe(key);
  });

  it('makes ids that sort by creation time', () => {
    const ids = [newId('m', 1_000), newId('m', 2_000), newId('m', 1_500_000_000_000)];
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('formatting for Indian readers', () => {
  it('groups rupees the Indian way', () => {
    expect(formatRupees(125000)).toBe('₹1,25,000');
    expect(formatRupees(29.5)).toBe('₹29.5');
  });

  it('shows a day with its weekday', () => {
    expect(formatDay('2025-11-27')).toBe('Thu, 27 Nov');
  });
});

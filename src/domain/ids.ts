import { randomBytes } from 'node:crypto';

/**
 * Ids that sort by creation time (like ULIDs): 10 base-32 characters of milliseconds, then
 * 16 of randomness. Sorting messages by id sorts them by arrival.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');
  return `${prefix}_${time}${random}`;
}

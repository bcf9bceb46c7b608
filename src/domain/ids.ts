import { randomBytes } from 'node:crypto';

/**
 * Ids that sort by creation time (like ULIDs): 10 base-32 characters of milliseconds, then
 * randomness. Sorting messages by id sorts them by arrival.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function timePart(ms: number): string {
  let time = '';
  let t = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

const random = (n: number) => [...randomBytes(n)].map((b) => ALPHABET[b % 32]).join('');

export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${timePart(now)}${random(16)}`;
}

let lastMs = -1;
let counter = 0;

/**
 * An arrival-order key: time, then a counter that keeps keys made in the same millisecond by
 * this process in the order they were made, then randomness to stay unique across processes.
 */
export function newSeq(now: number = Date.now()): string {
  counter = now === lastMs ? counter + 1 : 0;
  lastMs = now;
  return `${timePart(now)}${counter.toString(32).padStart(4, '0')}${random(8)}`;
}

/** Lower bound of every sequence key made at or after `ms`. */
export function seqFloor(ms: number): string {
  return timePart(ms);
}

/**
 * `npm run bench:nlu`: how fast messages are understood. Parses every labelled owner message
 * (all 12 languages) many times; prints throughput and per-message latency, beside tokenizing
 * alone as the baseline. Goal: p99 ≤ 2 ms per message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage } from '../src/bot/nlu/index.js';
import { tokenize } from '../src/bot/nlu/normalize.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures/nlu');
const texts = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').trim().split('\n'))
  .map((l) => (JSON.parse(l) as { text: string }).text);
const ROUNDS = 20;

function run(label: string, work: (text: string) => unknown): { p50: number; p99: number } {
  for (const text of texts) work(text); // warm-up: lexicons load, code is compiled
  const times: number[] = [];
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const text of texts) {
      const t = performance.now();
      work(text);
      times.push(performance.now() - t);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.floor(p * (times.length - 1))]!;
  console.log(`${label.padEnd(14)} ${times.length} messages  ${(times.length / seconds).toFixed(0)} msg/s  p50=${(q(0.5) * 1000).toFixed(0)} µs  p99=${(q(0.99) * 1000).toFixed(0)} µs  max=${(q(1) * 1000).toFixed(0)} µs`);
  return { p50: q(0.5), p99: q(0.99) };
}

const loadStarted = performance.now();
parseMessage('warm up');
console.log(`lexicons loaded in ${(performance.now() - loadStarted).toFixed(0)} ms; ${texts.length} distinct messages × ${ROUNDS} rounds`);
const base = run('tokenize', tokenize);
const parse = run('parseMessage', parseMessage);
console.log(`parse / tokenize: p50 ×${(parse.p50 / base.p50).toFixed(1)}, p99 ×${(parse.p99 / base.p99).toFixed(1)}   (goal: parse p99 ≤ 2 ms)`);

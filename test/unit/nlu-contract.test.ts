/** `npm run -s nlu -- --jsonl`, checked from outside: JSON lines in, one JSON line out per input. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm run -s nlu -- --jsonl', () => {
  it('answers each input line with lang, intent, product and quantity, in order', () => {
    const input = [
      { text: 'kal kitna doodh mangwau?' },
      { text: 'do darjan ande bike' },
      { text: 'என் அரிசி விலை அதிகமா?' },
      { text: 'not json' },
      { text: 'dedh kilo cheeni bechi' },
    ]
      .map((o, i) => (i === 3 ? 'not json' : JSON.stringify(o)))
      .join('\n');
    const run = spawnSync('npm', ['run', '-s', 'nlu', '--', '--jsonl'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { lang: 'hi-Latn', intent: 'reorder', product: 'milk', quantity: null },
      { lang: 'hi-Latn', intent: 'log_sale', product: 'eggs', quantity: 24 },
      { lang: 'ta', intent: 'price_check', product: 'rice', quantity: null },
      { error: 'expected {"text": "..."}' },
      { lang: 'hi-Latn', intent: 'log_sale', product: 'sugar', quantity: 1.5 },
    ]);
  }, 60_000);
});

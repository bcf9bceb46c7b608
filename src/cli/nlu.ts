/**
 * `npm run -s nlu -- --jsonl`: reads JSON lines `{"text": "..."}` on stdin and writes one line
 * per input: `{"lang", "intent", "product", "quantity"}`. A line that is not valid JSON with a
 * text gets `{"error": "..."}` in its place, so outputs stay aligned with inputs.
 * Without --jsonl, each stdin line is a message as plain text.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseForContract } from '../bot/nlu/index.js';

const { values } = parseArgs({ options: { jsonl: { type: 'boolean', default: false } } });

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let text: unknown = line;
  if (values.jsonl) {
    try {
      text = (JSON.parse(line) as { text?: unknown }).text;
    } catch {
      text = undefined;
    }
  }
  const out = typeof text === 'string' ? parseForContract(text) : { error: 'expected {"text": "..."}' };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/**
 * Prints the parser's accuracy on the labelled owner messages, per language, and its misses.
 *   npx tsx scripts/nlu-eval.ts [--misses] [--lang hi-Latn]
 */
import { parseArgs } from 'node:util';
import { evaluate, loadEvalSet, table } from '../test/support/nlu-eval.js';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, lang: { type: 'string' }, set: { type: 'string', default: 'eval' } } });
const result = evaluate(loadEvalSet(values.set));
console.log(table(result));
if (values.misses) {
  for (const { item, got } of result.misses.filter((m) => !values.lang || m.item.lang === values.lang)) {
    console.log(`${item.text}\n   want ${item.lang} ${item.intent} ${item.product} ${item.quantity}\n   got  ${got.lang} ${got.intent} ${got.product} ${got.quantity}`);
  }
}

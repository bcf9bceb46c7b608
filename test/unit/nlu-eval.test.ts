/**
 * The parser against labelled owner messages in all 12 languages: the evaluation set the
 * parser was developed on (test/fixtures/nlu/eval-*.jsonl, 646 messages) and a held-out set
 * written separately and not used for tuning (holdout.jsonl, 264 messages).
 * Goals: intent, product and quantity ≥ 92 % overall and ≥ 85 % in every language.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, loadEvalSet, table } from '../support/nlu-eval.js';

describe.each([
  { set: 'eval', minimum: 400 },
  { set: 'holdout', minimum: 240 },
])('parser accuracy on the $set set', ({ set, minimum }) => {
  const items = loadEvalSet(set);
  const result = evaluate(items);

  it('covers every language with enough messages', () => {
    expect(items.length).toBeGreaterThanOrEqual(minimum);
    expect([...result.byLanguage.keys()].sort()).toEqual(['bn', 'en', 'gu', 'hi', 'hi-Latn', 'kn', 'ml', 'mr', 'or', 'pa', 'ta', 'te']);
    for (const [, scores] of result.byLanguage) expect(scores.n).toBeGreaterThanOrEqual(20);
  });

  it('meets the accuracy goals overall and in every language', () => {
    console.log(`${set}:\n${table(result)}`);
    for (const field of ['intent', 'product', 'quantity'] as const) {
      expect(result.overall[field] / result.overall.n, `overall ${field}`).toBeGreaterThanOrEqual(0.92);
      for (const [language, scores] of result.byLanguage) expect(scores[field] / scores.n, `${language} ${field}`).toBeGreaterThanOrEqual(0.85);
    }
  });
});

/** The copilot's rules on their own: which numbers count as grounded, what is masked, when a model is skipped. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { LLM_ERRORS, type LanguageModel, type LlmRequest } from '../../src/domain/llm.js';
import { allowedNumbers, checkGrounding, createCopilot, inLanguage, maskPrivate, numbersIn, privateTerms, storeKey, type PhraseRequest } from '../../src/engines/copilot/index.js';

/** A model that answers from a list, one reply (or failure) per call, and remembers the prompts. */
function scriptedModel(modelId: string, replies: Array<string | AppError>): LanguageModel & { prompts: LlmRequest[] } {
  const prompts: LlmRequest[] = [];
  return {
    modelId,
    prompts,
    async converse(request) {
      prompts.push(request);
      const next = replies.shift() ?? 'ok';
      if (next instanceof AppError) throw next;
      return { text: next, inputTokens: 10, outputTokens: 5, stopReason: 'end_turn' };
    },
  };
}

const request: PhraseRequest = {
  intent: 'forecast',
  question: 'kal kitna doodh?',
  language: 'en',
  maxChars: 500,
  place: 'Pune, Maharashtra',
  storeKey: storeKey('demo'),
  today: '2026-11-26',
  facts: [
    { label: 'expected sales, 2026-11-27', value: 42.4, unit: 'l' },
    { label: 'suggested order now', value: 1250, unit: 'l' },
  ],
  template: 'Milk tomorrow: about 42 l. Order 1,250 l.',
  privateTerms: [],
};

describe('grounding', () => {
  it('reads numbers in every Indic digit block and in Indian grouping', () => {
    expect(numbersIn('₹1,25,000 and ४२.५ and ৪২ and ௪௨ and 7')).toEqual([125000, 42.5, 42, 42, 7]);
  });

  it('accepts rounding and the facts’ dates, and names every invented number', () => {
    const allowed = allowedNumbers([{ label: 'x', value: 42.4, date: '2026-11-27' }], []);
    expect(checkGrounding('About 42 litres on 27 November 2026', allowed).grounded).toBe(true);
    expect(checkGrounding('About 45 litres, maybe 300', allowed)).toEqual({ grounded: false, ungrounded: [45, 300] });
  });

  it('checks the script of the reply against the owner’s language', () => {
    expect(inLanguage('कल लगभग 42 लीटर दूध बिकेगा (milk)', 'hi')).toBe(true);
    expect(inLanguage('About 42 litres of milk', 'hi')).toBe(false);
    expect(inLanguage('நாளை 42 லிட்டர் பால்', 'ta')).toBe(true);
  });
});

describe('masking', () => {
  it('masks names as written, phones in any format, and emails, but not shop words or prices', () => {
    const terms = privateTerms(['Shree Ganesh Kirana Store', 'Ramesh Sharma']);
    const masked = maskPrivate('Ramesh from Shree Ganesh Kirana Store, +91 98765-43210, ramesh.s@gmail.com: rice ₹64, 5 kg, kirana ka hisaab', terms);
    expect(masked).not.toMatch(/Ramesh|Ganesh|Shree|98765|gmail/);
    expect(masked).toContain('₹64, 5 kg, kirana ka hisaab');
  });

  it('leaves words that only contain a name alone', () => {
    expect(maskPrivate('Ramdana laddoo for Ram', privateTerms(['Ram Lal']))).toBe('Ramdana laddoo for [name]');
  });
});

describe('copilot', () => {
  it('is the template when it has no model, or nothing to ground a reply in', async () => {
    expect(await createCopilot({ models: [], timeoutMs: 100 }).phrase(request)).toEqual({ text: request.template, via: 'template', calls: [] });
    const model = scriptedModel('m', ['Sure']);
    const out = await createCopilot({ models: [model], timeoutMs: 100 }).phrase({ ...request, facts: [] });
    expect(out.via).toBe('template');
    expect(model.prompts).toHaveLength(0);
  });

  it('sends a grounded reply and refuses one that is too long', async () => {
    const copilot = createCopilot({ models: [scriptedModel('m', ['Around 42 l of milk tomorrow; order 1,250 l.', `${'very '.repeat(200)}long`])], timeoutMs: 100 });
    expect((await copilot.phrase(request)).via).toBe('m');
    const tooLong = await copilot.phrase(request);
    expect(tooLong.via).toBe('template');
    expect(tooLong.calls[0]!.grounding).toBe('too_long');
  });

  it('skips a model whose circuit is open, and tries it again after the pause', async () => {
    let now = 0;
    const down = new AppError(LLM_ERRORS.unavailable, 'down');
    const primary = scriptedModel('primary', [down, down, 'Order 1,250 l.']);
    const fallback = scriptedModel('fallback', ['About 42 l.', 'About 42 l.', 'About 42 l.']);
    const copilot = createCopilot({ models: [primary, fallback], timeoutMs: 100, breaker: { failureThreshold: 2, openMs: 30_000, now: () => now } });
    await copilot.phrase(request);
    await copilot.phrase(request);
    const skipped = await copilot.phrase(request);
    expect(skipped.calls.map((c) => [c.model, c.outcome])).toEqual([['primary', 'circuit_open'], ['fallback', 'ok']]);
    expect(primary.prompts).toHaveLength(2);
    now = 30_000;
    const back = await copilot.phrase(request);
    expect(back.via).toBe('primary');
  });

  it('does not count a refused request against the model’s health', async () => {
    const rejected = new AppError(LLM_ERRORS.rejected, 'bad request', { permanent: true });
    const primary = scriptedModel('primary', [rejected, rejected, rejected, 'About 42 l.']);
    const copilot = createCopilot({ models: [primary], timeoutMs: 100, breaker: { failureThreshold: 2 } });
    for (let i = 0; i < 3; i++) expect((await copilot.phrase(request)).calls[0]!.outcome).toBe('rejected');
    expect((await copilot.phrase(request)).via).toBe('primary');
  });
});

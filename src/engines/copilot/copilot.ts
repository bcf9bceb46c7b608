/**
 * The copilot: facts → anonymised prompt → the primary model, then the fallback → grounding
 * and language checks → the model's reply, or else the template reply the facts were drawn
 * from. The owner always gets an answer; every model call is returned for the audit log.
 */
import { createHash } from 'node:crypto';
import { hasCode } from '../../domain/errors.js';
import type { Language } from '../../domain/language.js';
import { LLM_ERRORS, type CallOutcome, type Grounding, type LanguageModel, type LlmCall } from '../../domain/llm.js';
import { CircuitBreaker, type BreakerOptions } from './breaker.js';
import type { Fact } from './facts.js';
import { allowedNumbers, checkGrounding, inLanguage } from './grounding.js';
import { buildPrompt } from './prompt.js';

export interface CopilotOptions {
  /** Primary first, then fallbacks. Empty: the template copilot. */
  models: LanguageModel[];
  timeoutMs: number;
  temperature?: number;
  maxTokens?: number;
  breaker?: Partial<BreakerOptions>;
}

export interface PhraseRequest {
  intent: string;
  question: string;
  language: Language;
  /** Longest reply the channel takes in one message. */
  maxChars: number;
  /** City and state: the only location a model sees. */
  place: string;
  storeKey: string;
  today: string;
  facts: Fact[];
  /** The deterministic reply built from the same facts. */
  template: string;
  privateTerms: string[];
}

export interface Phrased {
  text: string;
  /** `template`, or the id of the model whose reply was sent. */
  via: string;
  calls: LlmCall[];
}

export interface Copilot {
  /** Which copilot this is, for health and logs: `template` or `bedrock`. */
  readonly kind: 'template' | 'llm';
  phrase(request: PhraseRequest): Promise<Phrased>;
}

const OUTCOMES: Record<string, CallOutcome> = {
  [LLM_ERRORS.throttled]: 'throttled',
  [LLM_ERRORS.unavailable]: 'unavailable',
  [LLM_ERRORS.timeout]: 'timeout',
  [LLM_ERRORS.malformed]: 'malformed',
  [LLM_ERRORS.rejected]: 'rejected',
};

export function createCopilot(options: CopilotOptions): Copilot {
  const breakers = new Map(options.models.map((m) => [m.modelId, new CircuitBreaker({ failureThreshold: 5, openMs: 30_000, ...options.breaker })]));
  const temperature = options.temperature ?? 0.3;
  const maxTokens = options.maxTokens ?? 500;

  return {
    kind: options.models.length ? 'llm' : 'template',
    async phrase(request) {
      const template: Phrased = { text: request.template, via: 'template', calls: [] };
      if (!options.models.length || !request.facts.length) return template;
      const { system, user } = buildPrompt({ ...request, draft: request.template });
      const promptHash = createHash('sha256').update(system).update('\n').update(user).digest('hex');
      const allowed = allowedNumbers(request.facts, [request.template, request.question]);

      for (const [index, model] of options.models.entries()) {
        const call: LlmCall = { model: model.modelId, promptHash, inputTokens: 0, outputTokens: 0, latencyMs: 0, outcome: 'ok', fallback: index > 0 };
        template.calls.push(call);
        const breaker = breakers.get(model.modelId)!;
        if (!breaker.tryPass()) {
          call.outcome = 'circuit_open';
          continue;
        }
        const started = performance.now();
        try {
          const response = await model.converse({
            system,
            messages: [{ role: 'user', text: user }],
            temperature,
            maxTokens,
            signal: AbortSignal.timeout(options.timeoutMs),
          });
          breaker.success();
          Object.assign(call, { inputTokens: response.inputTokens, outputTokens: response.outputTokens });
          const text = response.text.trim();
          const verdict = judge(text, request, allowed);
          call.grounding = verdict.grounding;
          if (verdict.ungrounded.length) call.ungrounded = verdict.ungrounded;
          // A model that answered but not usably is not retried on the fallback: the template is correct.
          return verdict.grounding === 'grounded' ? { text, via: model.modelId, calls: template.calls } : template;
        } catch (error) {
          call.outcome = outcomeOf(error);
          // A refused request (bad model id, validation) says nothing about the model's health.
          if (call.outcome !== 'rejected') breaker.failure();
        } finally {
          call.latencyMs = Math.round(performance.now() - started);
        }
      }
      return template;
    },
  };
}

function judge(text: string, request: PhraseRequest, allowed: number[]): { grounding: Grounding; ungrounded: number[] } {
  if (!text) return { grounding: 'empty', ungrounded: [] };
  if ([...text].length > request.maxChars) return { grounding: 'too_long', ungrounded: [] };
  if (!inLanguage(text, request.language)) return { grounding: 'wrong_language', ungrounded: [] };
  const { grounded, ungrounded } = checkGrounding(text, allowed);
  return { grounding: grounded ? 'grounded' : 'ungrounded', ungrounded };
}

function outcomeOf(error: unknown): CallOutcome {
  for (const [code, outcome] of Object.entries(OUTCOMES)) if (hasCode(error, code)) return outcome;
  return 'error';
}

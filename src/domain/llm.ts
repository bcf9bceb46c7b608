/**
 * The language-model port: one call that takes a system prompt and a conversation and returns
 * the model's text with its token counts. The copilot engine calls it; adapters (Bedrock
 * Converse) implement it. Failures are AppErrors with one of the `LLM.*` codes below, so the
 * copilot can tell "try the fallback" from "give up on models for a while".
 */
export interface LlmRequest {
  system: string;
  /** Alternating turns, oldest first, ending with the user's. */
  messages: { role: 'user' | 'assistant'; text: string }[];
  temperature: number;
  maxTokens: number;
  /** Aborts the call (the copilot's per-call timeout). */
  signal?: AbortSignal;
}

export interface LlmResponse {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** `end_turn`, `max_tokens`, … as the provider says it. */
  stopReason: string;
}

export interface LanguageModel {
  /** The model id as configured (`anthropic.claude-3-sonnet-20240229-v1:0`). */
  readonly modelId: string;
  converse(request: LlmRequest): Promise<LlmResponse>;
}

/** What went wrong with a model call, as `AppError.code`. */
export const LLM_ERRORS = {
  /** The provider refused for rate or quota (after the SDK's own retries). */
  throttled: 'LLM.THROTTLED',
  /** A 5xx, a network failure, or the model is not available. */
  unavailable: 'LLM.UNAVAILABLE',
  /** The call took longer than the copilot allows. */
  timeout: 'LLM.TIMEOUT',
  /** The provider answered, but not with usable text. */
  malformed: 'LLM.MALFORMED',
  /** The request itself was refused (bad model id, validation): retrying cannot help. */
  rejected: 'LLM.REJECTED',
} as const;

export type CallOutcome = 'ok' | 'throttled' | 'unavailable' | 'timeout' | 'malformed' | 'rejected' | 'circuit_open' | 'error';
/** What the copilot made of a model's answer; only `grounded` answers are sent. */
export type Grounding = 'grounded' | 'ungrounded' | 'wrong_language' | 'too_long' | 'empty';

/** One model call as the audit log keeps it: no prompt, no reply, no PII. */
export interface LlmCall {
  model: string;
  /** SHA-256 of the prompts, to match repeated prompts without storing them. */
  promptHash: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  outcome: CallOutcome;
  /** Whether this call was to a fallback model. */
  fallback: boolean;
  grounding?: Grounding;
  /** Numbers the model wrote that no fact supports. */
  ungrounded?: number[];
}

/** An audit-log row: one model call, with the message and store it served. */
export interface LlmAuditEntry extends LlmCall {
  storeId: string;
  /** ISO time + message id + call number: unique and in time order within the store. */
  timestamp: string;
  messageId: string;
  intent: string;
  language: string;
  /** Whether this call's answer is the one the owner got. */
  sent: boolean;
  /** Epoch seconds; the audit log keeps a year. */
  expiresAt: number;
}

export const AUDIT_DAYS = 365;

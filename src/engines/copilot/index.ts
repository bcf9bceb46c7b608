/**
 * The copilot engine: turns an engine's facts into the owner's reply through a language model,
 * never letting it invent a number, and falls back to the template reply whenever the model
 * fails, is slow, or strays. See copilot.ts for the flow.
 */
export { createCopilot, type Copilot, type CopilotOptions, type PhraseRequest, type Phrased } from './copilot.js';
export { forecastFacts, priceFacts, renderFacts, type Fact } from './facts.js';
export { checkGrounding, allowedNumbers, numbersIn, inLanguage } from './grounding.js';
export { maskPrivate, privateTerms, storeKey } from './anonymise.js';
export { buildPrompt, SYSTEM_TEMPLATE, USER_TEMPLATE } from './prompt.js';
export { CircuitBreaker, type BreakerState } from './breaker.js';

/**
 * The Bedrock adapter with the real SDK against a local Converse endpoint: what it sends, how
 * the SDK's retries play out, and which `LLM.*` error each failure becomes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { LLM_ERRORS, type LlmRequest } from '../../src/domain/llm.js';
import { BedrockLanguageModel, type BedrockLanguageModelOptions } from '../../src/llm/bedrock/bedrock-llm.adapter.js';
import { startBedrockStub, type BedrockStub } from '../support/bedrock-stub.js';

const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const PROMPT = 'How much Aashirvaad atta should I reorder this week?';

const request = (extra: Partial<LlmRequest> = {}): LlmRequest => ({
  system: 'You are the kirana copilot. Answer in one sentence.',
  messages: [
    { role: 'user', text: 'Namaste' },
    { role: 'assistant', text: 'Namaste! How can I help?' },
    { role: 'user', text: PROMPT },
  ],
  temperature: 0.2,
  maxTokens: 300,
  ...extra,
});

/** The AppError a call fails with (and a test failure if it succeeds). */
async function failure(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('Bedrock language model (SDK against a local Converse endpoint)', () => {
  let stub: BedrockStub;
  const models: BedrockLanguageModel[] = [];
  const model = (options: Partial<BedrockLanguageModelOptions> = {}) => {
    const created = new BedrockLanguageModel({
      modelId: MODEL_ID,
      region: 'ap-south-1',
      endpoint: stub.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 3,
      retryBaseDelayMs: 10,
      ...options,
    });
    models.push(created);
    return created;
  };

  beforeAll(async () => {
    stub = await startBedrockStub();
  });
  afterEach(() => {
    for (const m of models.splice(0)) m.destroy();
    stub.reset();
  });
  afterAll(async () => {
    await stub.close();
  });

  it('sends the system prompt, the turns and the inference settings, and maps the answer', async () => {
    stub.script([{ text: ['Reorder ', '20 kg of atta.'], inputTokens: 57, outputTokens: 9, stopReason: 'end_turn' }]);

    const response = await model().converse(request());

    expect(response).toEqual({ text: 'Reorder 20 kg of atta.', inputTokens: 57, outputTokens: 9, stopReason: 'end_turn' });
    expect(stub.requests).toHaveLength(1);
    const [sent] = stub.requests;
    expect(sent!.modelId).toBe(MODEL_ID);
    expect(sent!.body).toMatchObject({
      system: [{ text: 'You are the kirana copilot. Answer in one sentence.' }],
      messages: [
        { role: 'user', content: [{ text: 'Namaste' }] },
        { role: 'assistant', content: [{ text: 'Namaste! How can I help?' }] },
        { role: 'user', content: [{ text: PROMPT }] },
      ],
      inferenceConfig: { temperature: 0.2, maxTokens: 300 },
    });
    // Signed for Bedrock in the configured region with the given keys.
    expect(sent!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/ap-south-1\/bedrock\/aws4_request/);
  });

  it('lets the SDK retry throttling, and answers once Bedrock does', async () => {
    stub.script((_id, _body, call) => (call < 2 ? { status: 429, errorType: 'ThrottlingException', message: 'Too many requests' } : { text: 'ok' }));

    const response = await model().converse(request());

    expect(response.text).toBe('ok');
    expect(stub.requests).toHaveLength(3);
  });

  it('gives LLM.THROTTLED when throttling outlasts the attempts', async () => {
    stub.script(() => ({ status: 429, errorType: 'ThrottlingException', message: 'Too many requests' }));

    const error = await failure(model().converse(request()));

    expect(error.code).toBe(LLM_ERRORS.throttled);
    expect(error.status).toBe(503);
    expect(error.permanent).toBe(false);
    expect(error.metadata).toMatchObject({ modelId: MODEL_ID, errorName: 'ThrottlingException', attempts: 3 });
    expect(stub.requests).toHaveLength(3);
    // The prompt stays out of what gets logged or returned.
    expect(JSON.stringify(error.toJSON())).not.toContain(PROMPT);
  });

  it('gives LLM.THROTTLED for an exhausted quota, which the SDK does not retry', async () => {
    stub.script(() => ({ status: 400, errorType: 'ServiceQuotaExceededException' }));

    const error = await failure(model().converse(request()));

    expect(error.code).toBe(LLM_ERRORS.throttled);
    expect(stub.requests).toHaveLength(1);
  });

  // The SDK retries 5xx and 429 (ModelNotReady is a 429), not ModelTimeout's 408.
  it.each([
    [500, 'InternalServerException', 3],
    [503, 'ServiceUnavailableException', 3],
    [429, 'ModelNotReadyException', 3],
    [408, 'ModelTimeoutException', 1],
  ])('gives LLM.UNAVAILABLE for a %i %s', async (status, errorType, attempts) => {
    stub.script(() => ({ status, errorType }));

    const error = await failure(model().converse(request()));

    expect(error.code).toBe(LLM_ERRORS.unavailable);
    expect(error.status).toBe(503);
    expect(error.metadata).toMatchObject({ modelId: MODEL_ID, errorName: errorType, httpStatus: status });
    expect(stub.requests).toHaveLength(attempts);
  });

  it('gives LLM.UNAVAILABLE when nothing listens', async () => {
    const closed = await startBedrockStub();
    await closed.close();

    const error = await failure(model({ endpoint: closed.url, maxAttempts: 2 }).converse(request()));

    expect(error.code).toBe(LLM_ERRORS.unavailable);
  });

  it('gives LLM.TIMEOUT when the caller’s signal fires before Bedrock answers', async () => {
    stub.script([{ hang: true }]);
    const started = Date.now();

    const error = await failure(model().converse(request({ signal: AbortSignal.timeout(200) })));

    expect(error.code).toBe(LLM_ERRORS.timeout);
    expect(error.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stub.requests).toHaveLength(1);
  });

  it('gives LLM.TIMEOUT when every attempt outlasts the request timeout', async () => {
    stub.script(() => ({ text: 'too late', delayMs: 1_000 }));

    const error = await failure(model({ requestTimeoutMs: 150, maxAttempts: 2 }).converse(request()));

    expect(error.code).toBe(LLM_ERRORS.timeout);
    expect(stub.requests).toHaveLength(2);
  });

  it('gives LLM.MALFORMED for a body that is not JSON', async () => {
    stub.script([{ raw: '<html>not a converse answer</html>' }]);

    const error = await failure(model().converse(request()));

    expect(error.code).toBe(LLM_ERRORS.malformed);
    expect(error.metadata).toMatchObject({ modelId: MODEL_ID });
  });

  it('gives LLM.MALFORMED for an answer without text', async () => {
    const empty = { output: { message: { role: 'assistant', content: [] } }, stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 0, totalTokens: 5 }, metrics: { latencyMs: 1 } };
    stub.script([{ raw: JSON.stringify(empty) }]);

    const error = await failure(model().converse(request()));

    expect(error.code).toBe(LLM_ERRORS.malformed);
    expect(error.metadata).toMatchObject({ modelId: MODEL_ID, stopReason: 'end_turn' });
  });

  it.each([
    [400, 'ValidationException'],
    [403, 'AccessDeniedException'],
    [404, 'ResourceNotFoundException'],
  ])('gives a permanent LLM.REJECTED for a %i %s, without retrying', async (status, errorType) => {
    stub.script(() => ({ status, errorType, message: 'The provided model identifier is invalid.' }));

    const error = await failure(model().converse(request()));

    expect(error.code).toBe(LLM_ERRORS.rejected);
    expect(error.permanent).toBe(true);
    expect(error.metadata).toMatchObject({ modelId: MODEL_ID, errorName: errorType });
    expect(stub.requests).toHaveLength(1);
  });
});

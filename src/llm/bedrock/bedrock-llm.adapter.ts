/**
 * The language-model port on Amazon Bedrock's Converse API, through the official SDK. The SDK's
 * standard retry absorbs short throttling and 5xx bursts; whatever is left is turned into one of
 * the `LLM.*` AppErrors, so the copilot can choose between a fallback model and giving up.
 * Errors carry the model id and the provider's error name, never the prompt.
 */
import { BedrockRuntimeClient, ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AppError } from '../../domain/errors.js';
import { LLM_ERRORS, type LanguageModel, type LlmRequest, type LlmResponse } from '../../domain/llm.js';

export interface BedrockLanguageModelOptions {
  /** `anthropic.claude-3-haiku-20240307-v1:0`, or an inference profile id. */
  modelId: string;
  region: string;
  /** Sends every call here instead of Bedrock's regional endpoint (local stubs). */
  endpoint?: string;
  /** Static keys; without them the SDK's default chain (env, profile, instance role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per call, the first included (SDK standard retry). Default 3. */
  maxAttempts?: number;
  /**
   * Base of the exponential, fully jittered backoff between attempts. Unset, the SDK's own
   * delays apply (1 s base for throttling): right for production, too slow for tests.
   */
  retryBaseDelayMs?: number;
  /** Default 3 s. */
  connectionTimeoutMs?: number;
  /** Bounds one attempt, as a safety net under the caller's own signal. Default 60 s. */
  requestTimeoutMs?: number;
}

/** The SDK's exception names (`error.name`), by what they mean for the copilot. */
const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'TooManyRequestsException']);
const UNAVAILABLE = new Set([
  'InternalServerException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ModelErrorException',
]);
const REJECTED = new Set(['ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ConflictException']);

export class BedrockLanguageModel implements LanguageModel {
  readonly modelId: string;
  private readonly client: BedrockRuntimeClient;

  constructor(options: BedrockLanguageModelOptions) {
    this.modelId = options.modelId;
    const maxAttempts = options.maxAttempts ?? 3;
    const base = options.retryBaseDelayMs;
    this.client = new BedrockRuntimeClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(base === undefined
        ? { maxAttempts }
        : { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt) => Math.floor(Math.random() * Math.min(base * 2 ** attempt, 20_000))) }),
      // The default handler speaks HTTP/2, which a plain HTTP endpoint (a stub, a proxy) does not.
      // Without throwOnRequestTimeout an overrun request is only warned about, on the console.
      requestHandler: new NodeHttpHandler({
        connectionTimeout: options.connectionTimeoutMs ?? 3_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
        throwOnRequestTimeout: true,
      }),
    });
  }

  async converse(request: LlmRequest): Promise<LlmResponse> {
    let output: ConverseCommandOutput;
    try {
      output = await this.client.send(
        new ConverseCommand({
          modelId: this.modelId,
          // Bedrock refuses blank text blocks, so an empty system prompt is left out.
          ...(request.system ? { system: [{ text: request.system }] } : {}),
          messages: request.messages.map((m) => ({ role: m.role, content: [{ text: m.text }] })),
          inferenceConfig: { temperature: request.temperature, maxTokens: request.maxTokens },
        }),
        { abortSignal: request.signal },
      );
    } catch (error) {
      throw this.classify(error, request.signal);
    }
    const text = (output.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
    if (!text.trim()) {
      throw new AppError(LLM_ERRORS.malformed, `Bedrock answered without text for ${this.modelId}`, {
        status: 502,
        permanent: false,
        metadata: { modelId: this.modelId, stopReason: output.stopReason ?? null },
      });
    }
    return {
      text,
      inputTokens: output.usage?.inputTokens ?? 0,
      outputTokens: output.usage?.outputTokens ?? 0,
      stopReason: output.stopReason ?? 'unknown',
    };
  }

  /** Closes the client's pooled connections (shutdown, tests). */
  destroy(): void {
    this.client.destroy();
  }

  private classify(error: unknown, signal: AbortSignal | undefined): AppError {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
    const name = e.name ?? 'Error';
    const status = e.$metadata?.httpStatusCode;
    const metadata = { modelId: this.modelId, errorName: name, httpStatus: status ?? null, attempts: e.$metadata?.attempts ?? null };
    const fail = (code: string, message: string, httpStatus: number, permanent = false) =>
      new AppError(code, message, { status: httpStatus, permanent, metadata, cause: error });

    // Our caller's signal, or the handler's own per-attempt bound.
    if (name === 'AbortError' || name === 'TimeoutError' || signal?.aborted) {
      return fail(LLM_ERRORS.timeout, `Bedrock call to ${this.modelId} timed out`, 504);
    }
    if (THROTTLED.has(name) || (status === 429 && !UNAVAILABLE.has(name))) {
      return fail(LLM_ERRORS.throttled, `Bedrock throttled ${this.modelId} (${name})`, 503);
    }
    if (UNAVAILABLE.has(name) || (status !== undefined && status >= 500)) {
      return fail(LLM_ERRORS.unavailable, `Bedrock could not serve ${this.modelId} (${name}): ${e.message}`, 503);
    }
    if (REJECTED.has(name) || (status !== undefined && status >= 400)) {
      return fail(LLM_ERRORS.rejected, `Bedrock refused the request for ${this.modelId} (${name}): ${e.message}`, 502, true);
    }
    // A 2xx whose body the SDK could not parse; its message would quote the body, so it is left out.
    if (name === 'SyntaxError' || status !== undefined) {
      return fail(LLM_ERRORS.malformed, `Bedrock answered ${this.modelId} with an unreadable body`, 502);
    }
    // No HTTP answer at all: connection refused, reset, DNS.
    return fail(LLM_ERRORS.unavailable, `Bedrock is unreachable for ${this.modelId}: ${e.message}`, 503);
  }
}

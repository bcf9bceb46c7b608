/**
 * A local Bedrock Runtime speaking the Converse operation's restJson1 wire format over plain
 * HTTP/1.1: `POST /model/{modelId}/converse`, JSON in and out, errors named by the
 * `x-amzn-errortype` header (the SDK reads the header before the body, and cuts the name at ':').
 * It records every request, so tests can check the prompts, and is scripted per call.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The reply every call gets when no script says otherwise. */
export const STUB_REPLY = 'Namaste from the Bedrock stub';

/** The parts of a Converse request body the tests look at. */
export interface ConverseBody {
  system?: { text?: string }[];
  messages?: { role: string; content: { text?: string }[] }[];
  inferenceConfig?: { temperature?: number; maxTokens?: number };
  [key: string]: unknown;
}

export interface RecordedRequest {
  modelId: string;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: ConverseBody | string;
  headers: IncomingHttpHeaders;
}

/** What the stub does with one call. */
export type Behaviour =
  /** Answers with these text blocks (several blocks for an array). */
  | { text: string | string[]; delayMs?: number; inputTokens?: number; outputTokens?: number; stopReason?: string }
  /** An AWS error: `errorType` is the exception name the SDK will raise. */
  | { status: number; errorType: string; message?: string }
  /** This body as is (not JSON, or JSON of the wrong shape), 200 unless told. */
  | { raw: string; status?: number }
  /** Never answers; the connection stays open until the client gives up or the stub closes. */
  | { hang: true };

/** `callIndex` counts this model id's calls, from 0. Undefined falls back to the default reply. */
export type Script = (modelId: string, body: ConverseBody | string, callIndex: number) => Behaviour | undefined;

export interface BedrockStub {
  /** Pass as the client's `endpoint`. */
  url: string;
  requests: RecordedRequest[];
  /** A function, or a queue of behaviours taken one per call (across model ids). */
  script(next: Script | Behaviour[]): void;
  /** Forgets the requests and the script. */
  reset(): void;
  close(): Promise<void>;
}

const PATH = /^\/model\/([^/]+)\/converse$/;
const tokens = (text: string) => Math.ceil(text.length / 4);

export async function startBedrockStub(): Promise<BedrockStub> {
  const requests: RecordedRequest[] = [];
  const calls = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let script: Script = () => undefined;

  const send = (res: ServerResponse, status: number, body: string, errorType?: string) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-amzn-requestid', randomUUID());
    // Bedrock appends a namespace after a colon; the SDK must strip it.
    if (errorType) res.setHeader('x-amzn-errortype', `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`);
    res.end(body);
  };
  const error = (res: ServerResponse, status: number, errorType: string, message = `stub ${errorType}`) =>
    send(res, status, JSON.stringify({ message }), errorType);

  function answer(res: ServerResponse, body: ConverseBody | string, behaviour: Behaviour) {
    if ('hang' in behaviour) return;
    if ('raw' in behaviour) return send(res, behaviour.status ?? 200, behaviour.raw);
    if ('errorType' in behaviour) return error(res, behaviour.status, behaviour.errorType, behaviour.message);
    const blocks = Array.isArray(behaviour.text) ? behaviour.text : [behaviour.text];
    const outputTokens = behaviour.outputTokens ?? tokens(blocks.join(''));
    const inputTokens = behaviour.inputTokens ?? tokens(typeof body === 'string' ? body : JSON.stringify(body.messages ?? []));
    const reply = () =>
      send(res, 200, JSON.stringify({
        output: { message: { role: 'assistant', content: blocks.map((text) => ({ text })) } },
        stopReason: behaviour.stopReason ?? 'end_turn',
        usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
        metrics: { latencyMs: behaviour.delayMs ?? 1 },
      }));
    if (!behaviour.delayMs) return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      reply();
    }, behaviour.delayMs);
    timers.add(timer);
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const match = PATH.exec(new URL(req.url!, 'http://stub').pathname);
      if (req.method !== 'POST' || !match) return error(res, 404, 'UnknownOperationException');
      const modelId = decodeURIComponent(match[1]!);
      let body: ConverseBody | string = raw;
      try {
        body = JSON.parse(raw) as ConverseBody;
      } catch {
        // Kept as text: the test can still see what arrived.
      }
      requests.push({ modelId, body, headers: req.headers });
      if (!req.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
        return error(res, 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      }
      const callIndex = calls.get(modelId) ?? 0;
      calls.set(modelId, callIndex + 1);
      answer(res, body, script(modelId, body, callIndex) ?? { text: STUB_REPLY });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script(next) {
      if (typeof next === 'function') script = next;
      else {
        const queue = [...next];
        script = () => queue.shift();
      }
    },
    reset() {
      requests.length = 0;
      calls.clear();
      script = () => undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        // Hanging calls keep their sockets open; close() alone would wait for them forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

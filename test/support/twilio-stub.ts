/**
 * A local Twilio REST API: the Messages resource in Twilio's wire format (form-encoded POST
 * with Basic auth, JSON answers, error bodies with code and more_info, a paged list), with
 * scripted faults: refusals, failures after the message was created, slow answers.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  contentSid?: string;
  contentVariables?: string;
  statusCallback?: string;
  createdAt: Date;
}

/** What the stub does with one create request. */
export type Fault =
  | { status: number; create?: false }
  /** Creates the message, then answers with an error anyway (a 5xx after the fact). */
  | { status: number; create: true }
  /** Creates the message and answers only after a delay (a client timeout). */
  | { delayMs: number; status?: undefined };

export interface TwilioStub {
  url: string;
  sent: SentMessage[];
  /** Create requests received, successful or not. */
  attempts: number;
  /** Answer the next requests with these HTTP statuses, creating nothing (then succeed again). */
  failNext(...statuses: number[]): void;
  fault(...faults: Fault[]): void;
  close(): Promise<void>;
}

const errorCode = (status: number) => (status === 429 ? 20429 : status === 400 ? 21211 : status === 403 ? 63016 : 20500);

export async function startTwilioStub(accountSid: string, authToken: string): Promise<TwilioStub> {
  const sent: SentMessage[] = [];
  const faults: Fault[] = [];
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const stub = {
    url: '',
    sent,
    attempts: 0,
    failNext: (...statuses: number[]) => faults.push(...statuses.map((status) => ({ status }))),
    fault: (...more: Fault[]) => faults.push(...more),
    close: async () => {},
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const resource = (m: SentMessage) => ({
    sid: m.sid,
    account_sid: accountSid,
    from: m.from,
    to: m.to,
    body: m.body,
    status: 'queued',
    num_segments: '1',
    direction: 'outbound-api',
    date_created: m.createdAt.toUTCString(),
    date_sent: null,
    uri: `${path.replace('.json', '')}/${m.sid}.json`,
  });

  function create(req: IncomingMessage, res: ServerResponse, raw: string) {
    stub.attempts++;
    const fault = faults.shift();
    if (fault && 'status' in fault && fault.status && !fault.create) {
      return json(res, fault.status, { code: errorCode(fault.status), message: `stub failure ${fault.status}`, more_info: `https://www.twilio.com/docs/errors/${errorCode(fault.status)}`, status: fault.status });
    }
    const form = new URLSearchParams(raw);
    const message: SentMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      from: form.get('From') ?? '',
      to: form.get('To') ?? '',
      body: form.get('Body') ?? '',
      ...(form.get('ContentSid') ? { contentSid: form.get('ContentSid')!, contentVariables: form.get('ContentVariables') ?? '' } : {}),
      ...(form.get('StatusCallback') ? { statusCallback: form.get('StatusCallback')! } : {}),
      createdAt: new Date(),
    };
    sent.push(message);
    if (fault && 'status' in fault && fault.status) return json(res, fault.status, { code: 20500, message: 'stub failure after create', status: fault.status });
    const answer = () => json(res, 201, resource(message));
    if (fault && 'delayMs' in fault) setTimeout(answer, fault.delayMs);
    else answer();
  }

  function list(req: IncomingMessage, res: ServerResponse) {
    const query = new URL(req.url!, 'http://stub').searchParams;
    const matching = sent
      .filter((m) => (!query.get('To') || m.to === query.get('To')) && (!query.get('From') || m.from === query.get('From')))
      .reverse();
    const size = Number(query.get('PageSize') ?? 50);
    json(res, 200, {
      messages: matching.slice(0, size).map(resource),
      end: Math.min(size, matching.length) - 1,
      first_page_uri: `${path}?PageSize=${size}&Page=0`,
      next_page_uri: null,
      page: 0,
      page_size: size,
      previous_page_uri: null,
      start: 0,
      uri: `${path}?PageSize=${size}&Page=0`,
    });
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.headers.authorization !== `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`) {
        return json(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      }
      const url = new URL(req.url!, 'http://stub');
      if (url.pathname !== path) return json(res, 404, { code: 20404, message: 'Not found', status: 404 });
      if (req.method === 'POST') return create(req, res, raw);
      if (req.method === 'GET') return list(req, res);
      json(res, 405, { code: 20004, message: 'Method not allowed', status: 405 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

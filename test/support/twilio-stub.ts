/**
 * A local Twilio REST API: just the Messages resource, in Twilio's wire format (form-encoded
 * POST with Basic auth, JSON answers, error bodies with code and more_info).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  statusCallback?: string;
}

export interface TwilioStub {
  url: string;
  sent: SentMessage[];
  /** Answer the next requests with these HTTP statuses (then succeed again). */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startTwilioStub(accountSid: string, authToken: string): Promise<TwilioStub> {
  const sent: SentMessage[] = [];
  const failures: number[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
      if (req.headers.authorization !== expected) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }));
      }
      if (req.method !== 'POST' || req.url !== path) {
        res.statusCode = 404;
        return res.end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }));
      }
      const failure = failures.shift();
      if (failure) {
        res.statusCode = failure;
        const code = failure === 429 ? 20429 : failure === 400 ? 21211 : 20500;
        return res.end(JSON.stringify({ code, message: `stub failure ${failure}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status: failure }));
      }
      const form = new URLSearchParams(raw);
      const message: SentMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        accountSid,
        from: form.get('From') ?? '',
        to: form.get('To') ?? '',
        body: form.get('Body') ?? '',
        ...(form.get('StatusCallback') ? { statusCallback: form.get('StatusCallback')! } : {}),
      };
      sent.push(message);
      res.statusCode = 201;
      res.end(
        JSON.stringify({
          sid: message.sid,
          account_sid: accountSid,
          from: message.from,
          to: message.to,
          body: message.body,
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          date_created: new Date().toUTCString(),
          uri: `${path.replace('.json', '')}/${message.sid}.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    failNext: (...statuses) => failures.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Replies through Twilio's Messages API with the official SDK. Failures where Twilio certainly
 * created nothing (429, no connection) are plain retries; uncertain ones (5xx, timeouts) are
 * retried only after `findSent` has checked Twilio's log, so an owner never gets a reply twice.
 */
import twilio from 'twilio';
import { AppError } from '../../domain/errors.js';
import type { OutboundChannel, OutboundMessage, SendReceipt } from '../outbound.port.js';

export interface TwilioOutboundOptions {
  accountSid: string;
  authToken: string;
  whatsappFrom?: string;
  smsFrom?: string;
  /** Where Twilio should POST delivery status callbacks. */
  statusCallbackUrl?: string;
  /** Sends every REST call here instead of https://api.twilio.com (local stubs). */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & { data?: TData };

/** Bounds every call's time, and rewrites Twilio's API host to a base URL when one is set. */
class RequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: string | undefined,
    timeout: number,
  ) {
    super({ timeout, keepAlive: true });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    if (!this.base) return super.request<TData>(opts);
    const uri = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: new URL(uri.pathname + uri.search, this.base).toString() });
  }
}

/** Errors that mean the request never reached Twilio. */
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export class TwilioOutbound implements OutboundChannel {
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioOutboundOptions) {
    this.client = twilio(options.accountSid, options.authToken, { httpClient: new RequestClient(options.apiBaseUrl, options.timeoutMs ?? 10_000) });
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const from = message.channel === 'whatsapp' ? this.options.whatsappFrom : this.options.smsFrom;
    if (!from) {
      throw new AppError('OUTBOUND.NO_SENDER', `No Twilio sender configured for ${message.channel}`, { status: 500, permanent: true });
    }
    const { from: sender, to } = this.addresses(message, from);
    try {
      const sent = await this.client.messages.create({
        from: sender,
        to,
        ...(message.template
          ? { contentSid: message.template.contentSid, contentVariables: JSON.stringify(message.template.variables) }
          : { body: message.body }),
        ...(this.options.statusCallbackUrl ? { statusCallback: this.options.statusCallbackUrl } : {}),
      });
      return { providerSid: sent.sid, status: sent.status === 'failed' ? 'failed' : 'queued' };
    } catch (error) {
      throw classify(error);
    }
  }

  async findSent(message: OutboundMessage, since: Date): Promise<string | undefined> {
    const from = message.channel === 'whatsapp' ? this.options.whatsappFrom : this.options.smsFrom;
    if (!from) return undefined;
    const { from: sender, to } = this.addresses(message, from);
    // Newest first; a message still queued at Twilio has no DateSent yet, so filter here by creation.
    const recent = await this.client.messages.list({ to, from: sender, limit: 50 }).catch((error) => {
      throw classify(error);
    });
    const cutoff = since.getTime() - 5000;
    const match = recent.find(
      (m) => (m.dateCreated?.getTime() ?? 0) >= cutoff && (message.template ? true : m.body === message.body),
    );
    return match?.sid;
  }

  private addresses(message: OutboundMessage, from: string): { from: string; to: string } {
    const prefix = message.channel === 'whatsapp' ? 'whatsapp:' : '';
    return { from: prefix && !from.startsWith(prefix) ? prefix + from : from, to: prefix + message.to };
  }
}

function classify(error: unknown): AppError {
  const e = error as { status?: number; code?: number | string; message?: string };
  if (e.status === 429 || (typeof e.code === 'string' && NO_CONNECTION.has(e.code))) {
    return new AppError('OUTBOUND.RETRY', `Twilio did not take the message: ${e.message}`, { status: 503, permanent: false, cause: error });
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('OUTBOUND.REJECTED', `Twilio refused the message: ${e.message}`, {
      status: 502,
      permanent: true,
      metadata: { twilioCode: typeof e.code === 'number' ? e.code : null, httpStatus: e.status },
      cause: error,
    });
  }
  // A 5xx or a timeout: Twilio may or may not have created it. Retried only after findSent.
  return new AppError('OUTBOUND.UNCERTAIN', `Twilio's answer was lost or failed: ${e.message}`, {
    status: 502,
    permanent: false,
    metadata: { httpStatus: e.status ?? null },
    cause: error,
  });
}

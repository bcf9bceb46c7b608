/**
 * Replies through Twilio's Messages API with the official SDK. Only failures where Twilio
 * certainly created nothing (429, no connection) are retried; anything uncertain is reported
 * as permanent so a retry can never send an owner the same reply twice.
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
}

type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & { data?: TData };

/** Rewrites Twilio's API host to a configured base URL; the path and query stay. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const target = new URL(uri.pathname + uri.search, this.base);
    return super.request<TData>({ ...opts, uri: target.toString() });
  }
}

const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET_BEFORE_SEND']);

export class TwilioOutbound implements OutboundChannel {
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioOutboundOptions) {
    this.client = twilio(options.accountSid, options.authToken, {
      ...(options.apiBaseUrl ? { httpClient: new RebasedRequestClient(options.apiBaseUrl) } : {}),
    });
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const from = message.channel === 'whatsapp' ? this.options.whatsappFrom : this.options.smsFrom;
    if (!from) {
      throw new AppError('OUTBOUND.NO_SENDER', `No Twilio sender configured for ${message.channel}`, { status: 500, permanent: true });
    }
    const prefix = message.channel === 'whatsapp' ? 'whatsapp:' : '';
    try {
      const sent = await this.client.messages.create({
        from: prefix && !from.startsWith(prefix) ? prefix + from : from,
        to: prefix + message.to,
        body: message.body,
        ...(this.options.statusCallbackUrl ? { statusCallback: this.options.statusCallbackUrl } : {}),
      });
      return { providerSid: sent.sid, status: sent.status === 'failed' ? 'failed' : 'queued' };
    } catch (error) {
      throw classify(error);
    }
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
  // A 5xx or a timeout: Twilio may or may not have created it. Never resend blindly.
  return new AppError('OUTBOUND.UNCERTAIN', `Twilio's answer was lost or failed: ${e.message}`, {
    status: 502,
    permanent: true,
    metadata: { httpStatus: e.status ?? null },
    cause: error,
  });
}

/**
 * Delivers a conversation's queued replies, one at a time and in order (storage/serial.ts).
 * Each reply is marked `sending` before it is handed to the provider; if the worker dies after
 * that, the next attempt first asks the provider whether it arrived, so nothing goes out twice.
 * Opted-out numbers get nothing; WhatsApp outside the 24-hour window gets only templates.
 */
import type { MessageTemplates } from '../config.js';
import { hasCode } from '../domain/errors.js';
import { notPending, type Conversation, type Message } from '../domain/message.js';
import type { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from '../queue/queue.port.js';
import { firstPending } from '../storage/message-queries.js';
import type { Repositories } from '../storage/repositories.js';
import { drainInOrder } from '../storage/serial.js';
import type { OutboundChannel, OutboundMessage } from './outbound.port.js';

export interface DeliveryDeps {
  repos: Repositories;
  outbound: OutboundChannel;
  templates: MessageTemplates;
  /** Shared by all senders of one number: WhatsApp allows a business ~10 messages a second. */
  limiter: RateLimiter;
  leaseSeconds: number;
  /** Provider call timings and failures, for /metrics. */
  metrics?: Pick<Metrics, 'stage' | 'externalFailures'>;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function drainSends(deps: DeliveryDeps, conversationId: string): Promise<void> {
  await drainInOrder({
    locks: deps.repos.locks,
    lockName: `send:${conversationId}`,
    leaseSeconds: deps.leaseSeconds,
    next: () => firstPending(deps.repos, conversationId, 'send'),
    work: (message) => deliver(deps, message),
  });
}

/** WhatsApp lets a business reply freely for 24 hours after the customer's last message. */
export function insideWindow(conversation: Conversation, now: Date): boolean {
  return conversation.lastInboundAt !== undefined && now.getTime() - Date.parse(conversation.lastInboundAt) < DAY_MS;
}

/** `{{1}}`-style placeholders, as WhatsApp Content and DLT templates use. */
function fill(text: string, variables: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => variables[key] ?? '');
}

export async function deliver(deps: DeliveryDeps, message: Message): Promise<void> {
  const { repos } = deps;
  const now = deps.now?.() ?? new Date();
  const finish = (changes: Partial<Message>) =>
    repos.messages.update({ messageId: message.messageId }, { ...changes, ...notPending, updatedAt: now.toISOString() }).then(() => undefined);

  const conversation = await repos.conversations.get({ conversationId: message.conversationId });
  if (message.channel === 'web') return finish({});
  if (!conversation) return finish({ status: 'failed', errorCode: 'NO_CONVERSATION' });
  if (conversation.optedOutAt && !message.evenIfOptedOut) return finish({ status: 'suppressed', errorCode: 'OPTED_OUT' });
  if (now.getTime() - Date.parse(message.createdAt) > DAY_MS) return finish({ status: 'failed', errorCode: 'EXPIRED' });

  const config = message.template ? deps.templates[message.template.name] : undefined;
  const outbound: OutboundMessage = {
    messageId: message.messageId,
    channel: message.channel,
    to: conversation.address.slice(conversation.address.indexOf(':') + 1),
    // A DLT-registered SMS must match its approved text exactly.
    body: message.channel === 'sms' && config?.smsText ? fill(config.smsText, message.template!.variables) : message.text,
  };
  const useTemplate = () => {
    if (!config?.contentSid) return false;
    outbound.template = { contentSid: config.contentSid, variables: message.template!.variables };
    return true;
  };
  if (message.channel === 'whatsapp' && (message.templateOnly || !insideWindow(conversation, now)) && !useTemplate()) {
    return finish({ status: 'suppressed', errorCode: 'OUTSIDE_WINDOW' });
  }

  if (message.status === 'sending' && message.sendingAt) {
    const sid = await deps.outbound.findSent(outbound, new Date(message.sendingAt));
    if (sid) return finish({ status: 'queued', providerSid: sid });
  }

  for (let templateTried = Boolean(outbound.template); ; templateTried = true) {
    await repos.messages.update({ messageId: message.messageId }, { status: 'sending', sendingAt: new Date().toISOString() });
    await deps.limiter.take();
    const sendStarted = Date.now();
    try {
      const receipt = await deps.outbound.send(outbound);
      deps.metrics?.stage('send', message.channel, Date.now() - sendStarted);
      return finish({ status: receipt.status, providerSid: receipt.providerSid, ...(receipt.status === 'failed' ? { errorCode: 'PROVIDER_FAILED' } : {}) });
    } catch (error) {
      deps.metrics?.externalFailures.inc({ source: deps.outbound.name });
      // Twilio certainly made nothing: back to queued, and the job retries with backoff.
      if (hasCode(error, 'OUTBOUND.RETRY')) {
        await repos.messages.update({ messageId: message.messageId }, { status: 'queued' });
        throw error;
      }
      // It may have: stay `sending`, so the retry checks Twilio before sending again.
      if (hasCode(error, 'OUTBOUND.UNCERTAIN')) throw error;
      const code = String((error as { metadata?: { twilioCode?: unknown } }).metadata?.twilioCode ?? (error as { code?: string }).code ?? 'OUTBOUND.ERROR');
      // 63016: WhatsApp says the window is closed (our clock thought otherwise): a template may still go.
      if (code === '63016' && !templateTried && useTemplate()) continue;
      return finish({ status: 'failed', errorCode: code });
    }
  }
}

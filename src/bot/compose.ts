/**
 * What to say to one message, before any channel formatting: channel keywords (STOP, START,
 * HELP), media the bot cannot read yet, then the intent's handler. The one catch of the bot
 * lives here: whatever breaks, the owner hears back in their language.
 */
import type { TFunction } from 'i18next';
import { todayIn } from '../domain/dates.js';
import type { Conversation, Message } from '../domain/message.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll } from '../storage/tables.port.js';
import type { TurnContext } from './context.js';
import type { Intent } from './intents.js';
import { handlerFor } from './router.js';
import { normalise, understand } from './understand.js';

export interface Composed {
  intent: Intent;
  /** Absent when nothing should be sent (an SMS STOP: the carrier confirms it). */
  text?: string;
  /** The STOP confirmation goes out even though the number has just opted out. */
  evenIfOptedOut?: boolean;
}

/** Twilio's standard opt-out keywords, which carriers and WhatsApp users expect. */
const STOP = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit']);
const START = new Set(['start', 'yes', 'unstop']);
const HELP = new Set(['help', 'info']);

export interface ComposeDeps {
  repos: Repositories;
  analytics: SalesAnalytics;
  onError?: (error: unknown, context: { messageId: string }) => void;
}

export async function compose(deps: ComposeDeps, inbound: Message, conversation: Conversation, t: TFunction, now: Date): Promise<Composed> {
  const keyword = normalise(inbound.text).replace(/[^a-z]/g, '');
  if (conversation.channel !== 'web' && STOP.has(keyword)) {
    await deps.repos.conversations.update({ conversationId: conversation.conversationId }, { optedOutAt: now.toISOString() });
    // On SMS the carrier (Twilio Advanced Opt-Out) already confirmed, and a further SMS would be refused.
    return conversation.channel === 'sms' ? { intent: 'stop' } : { intent: 'stop', text: t('stopped'), evenIfOptedOut: true };
  }
  if (conversation.channel !== 'web' && START.has(keyword)) {
    await deps.repos.conversations.update({ conversationId: conversation.conversationId }, { optedOutAt: undefined });
    return { intent: 'start', text: t('started') };
  }
  if (conversation.channel !== 'web' && HELP.has(keyword)) return { intent: 'help', text: t('help') };

  if (inbound.media?.length && !inbound.text.trim()) {
    const type = inbound.media[0]!.contentType;
    return { intent: 'unknown', text: t(type.startsWith('audio/') ? 'media.audio' : type.startsWith('image/') ? 'media.image' : 'media.other') };
  }

  const user = conversation.userId ? await deps.repos.users.get({ userId: conversation.userId }) : undefined;
  const store = user?.storeId ? await deps.repos.stores.get({ storeId: user.storeId }) : undefined;
  if (!user || !store) return { intent: 'onboarding', text: t('unregistered') };

  const products = await queryAll(deps.repos.products, { partition: store.storeId });
  const understanding = understand(inbound.text, products);
  const ctx: TurnContext = {
    store, user, products, understanding, t,
    language: conversation.language,
    text: inbound.text,
    today: todayIn(store.timezone, now),
    analytics: deps.analytics,
  };
  try {
    return { intent: understanding.intent, text: await handlerFor(understanding.intent)(ctx) };
  } catch (error) {
    deps.onError?.(error, { messageId: inbound.messageId });
    return { intent: understanding.intent, text: t('failure') };
  }
}

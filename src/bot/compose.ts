/**
 * What to say to one message, before channel formatting: channel keywords (STOP, START, HELP),
 * media the bot cannot read yet, onboarding for unknown numbers, answers to the bot's own open
 * questions (confirm, pick a product, pick a language), then the intent's handler. Also the
 * bot's one catch: whatever breaks, the owner hears back in their language.
 */
import { todayIn } from '../domain/dates.js';
import { INDIA_STATES } from '../domain/india-states.js';
import type { LlmCall } from '../domain/llm.js';
import type { Conversation, DialogueState, Message, PendingRequest } from '../domain/message.js';
import { privateTerms, storeKey, type Copilot } from '../engines/copilot/index.js';
import type { Product } from '../domain/product.js';
import type { ForecastService } from '../forecasting/service.js';
import type { MarketData } from '../market/service.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll } from '../storage/tables.port.js';
import { catalogueOf } from './catalogue.js';
import { WHATSAPP_MAX } from './channel-format.js';
import type { Answer, SalesBook, TurnContext } from './context.js';
import { applyAction } from './handlers/log.js';
import { menuChoice, switchTo } from './handlers/language.js';
import { INTL_LOCALE, translator } from './i18n.js';
import type { Intent } from './intents.js';
import { parseMessage, type Parse } from './nlu/index.js';
import { canonicalText } from './nlu/normalize.js';
import { onboard } from './onboarding.js';
import { handlerFor, NEEDS_PRODUCT } from './router.js';

export interface Composed {
  intent: Intent;
  /** Absent when nothing should be sent (an SMS STOP: the carrier confirms it). */
  text?: string;
  /** The STOP confirmation goes out even though the number has just opted out. */
  evenIfOptedOut?: boolean;
  /** `template`, or the model whose reply this is. */
  via?: string;
  /** The language-model calls made for this reply, for the audit log. */
  llmCalls?: LlmCall[];
}

export interface ComposeDeps {
  repos: Repositories;
  analytics: SalesAnalytics;
  forecasts: ForecastService;
  market: MarketData;
  sales: SalesBook;
  /** Phrases replies that come with facts; the template copilot keeps them as they are. */
  copilot: Copilot;
  onError?: (error: unknown, context: { messageId: string }) => void;
}

/** Twilio's standard opt-out keywords, which carriers and WhatsApp users expect. */
const STOP = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit']);
const START = new Set(['start', 'yes', 'unstop']);
const HELP = new Set(['help', 'info']);
const YES = /^\s*(1|yes|y|ok|okay|haan|han|ha|haa|ji|ji haan|sahi|theek|thik|हाँ|हां|जी|ठीक|ho|hoy|होय|ஆம்|சரி|అవును|సరే|হ্যাঁ|ঠিক|હા|ಹೌದು|ಸರಿ|അതെ|ശരി|ਹਾਂ|ହଁ)\s*[.!]*\s*$/i;
const NO = /^\s*(2|no|n|nahi|nahin|na|mat|galat|नहीं|ना|नको|இல்லை|వద్దు|లేదు|না|ના|ಬೇಡ|ഇല്ല|ਨਹੀਂ|ନା)\s*[.!]*\s*$/i;
/** Dialogue memory (open questions, the last topic) lasts this long. */
const DIALOGUE_MS = 15 * 60 * 1000;

export async function compose(deps: ComposeDeps, inbound: Message, conversation: Conversation, now: Date): Promise<Composed> {
  let t = await translator(conversation.language);
  const keyword = canonicalText(inbound.text).replace(/[^a-z]/g, '');
  if (conversation.channel !== 'web' && STOP.has(keyword)) {
    await deps.repos.conversations.update({ conversationId: conversation.conversationId }, { optedOutAt: now.toISOString() });
    // On SMS the carrier (Twilio Advanced Opt-Out) already confirmed, and a further SMS would be refused.
    return conversation.channel === 'sms' ? { intent: 'stop' } : { intent: 'stop', text: t('stopped'), evenIfOptedOut: true };
  }
  if (conversation.channel !== 'web' && START.has(keyword) && conversation.optedOutAt) {
    await deps.repos.conversations.update({ conversationId: conversation.conversationId }, { optedOutAt: undefined });
    return { intent: 'start', text: t('started') };
  }
  if (conversation.channel !== 'web' && HELP.has(keyword)) return { intent: 'help', text: t('help') };
  if (inbound.media?.length && !inbound.text.trim()) {
    const type = inbound.media[0]!.contentType;
    return { intent: 'unknown', text: t(type.startsWith('audio/') ? 'media.audio' : type.startsWith('image/') ? 'media.image' : 'media.other') };
  }

  const dialogue = conversation.dialogue && Date.parse(conversation.dialogue.expiresAt) > now.getTime() ? conversation.dialogue : undefined;
  const remember = (state: Omit<DialogueState, 'expiresAt'>) =>
    deps.repos.conversations.update({ conversationId: conversation.conversationId }, { dialogue: { ...state, expiresAt: new Date(now.getTime() + DIALOGUE_MS).toISOString() } });

  const user = conversation.userId ? await deps.repos.users.get({ userId: conversation.userId }) : undefined;
  const store = user?.storeId ? await deps.repos.stores.get({ storeId: user.storeId }) : undefined;
  if (!user || !store) {
    // An unknown number: set the shop up in chat, in the language the owner wrote in.
    const pending = dialogue?.pending?.kind === 'onboarding' ? dialogue.pending : undefined;
    if (!pending) await adoptDetectedLanguage(deps, conversation, parseMessage(inbound.text));
    const turn = await onboard(deps.repos, conversation, inbound.text, pending, now);
    await (turn.next ? remember({ pending: turn.next }) : deps.repos.conversations.update({ conversationId: conversation.conversationId }, { dialogue: undefined }));
    return { intent: 'onboarding', text: turn.text };
  }

  const products = await queryAll(deps.repos.products, { partition: store.storeId });
  const parse = parseMessage(inbound.text, catalogueOf(store.storeId, products));
  if (await adoptDetectedLanguage(deps, conversation, parse)) t = await translator(conversation.language);

  let next: Omit<DialogueState, 'expiresAt'> = { lastIntent: dialogue?.lastIntent, lastSku: dialogue?.lastSku };
  const ctx: TurnContext = {
    store, user, conversation, products, parse, t,
    text: inbound.text,
    language: conversation.language,
    locale: INTL_LOCALE[conversation.language],
    today: todayIn(store.timezone, now),
    now,
    analytics: deps.analytics,
    forecasts: deps.forecasts,
    market: deps.market,
    repos: deps.repos,
    sales: deps.sales,
    ask: (pending) => (next = { ...next, pending }),
  };

  try {
    const answered = await answerPending(deps, ctx, dialogue);
    if (answered) {
      await remember(next);
      return answered;
    }
    const intent = followUp(parse, dialogue);
    const resolved = resolveProduct(ctx, intent);
    if (resolved === 'ask') {
      await remember(next);
      return { intent, text: ctx.t('clarify.whichProduct', clarifyArgs(ctx)) };
    }
    ctx.product = resolved;
    const reply = await handlerFor(intent)(ctx);
    await remember({ ...next, lastIntent: intent, lastSku: ctx.product?.sku ?? next.lastSku });
    return await speak(deps, ctx, intent, reply);
  } catch (error) {
    deps.onError?.(error, { messageId: inbound.messageId });
    return { intent: parse.intent, text: ctx.t('failure') };
  }
}

/** Longest model reply per channel: one WhatsApp message; SMS keeps the template's short form. */
const MODEL_MAX_CHARS = { whatsapp: WHATSAPP_MAX, web: 2000, sms: 0 } as const;

/** A handler's reply, phrased by the copilot when it comes with facts and the channel has room. */
async function speak(deps: ComposeDeps, ctx: TurnContext, intent: Intent, reply: string | Answer): Promise<Composed> {
  if (typeof reply === 'string') return { intent, text: reply };
  const maxChars = MODEL_MAX_CHARS[ctx.conversation.channel];
  if (!maxChars || !reply.facts.length) return { intent, text: reply.text };
  const state = INDIA_STATES.find((s) => s.code === ctx.store.state)?.name ?? ctx.store.state;
  const phrased = await deps.copilot.phrase({
    intent,
    question: ctx.text,
    language: ctx.language,
    maxChars,
    place: `${ctx.store.city}, ${state}`,
    storeKey: storeKey(ctx.store.storeId),
    today: ctx.today,
    facts: reply.facts,
    template: reply.text,
    // Phones and emails are masked by pattern wherever they are; names need to be known.
    privateTerms: privateTerms([ctx.store.name, ctx.user.name]),
  });
  return { intent, text: phrased.text, via: phrased.via, llmCalls: phrased.calls };
}

/** Strong evidence of another language switches the conversation; weak evidence only proposes. */
async function adoptDetectedLanguage(deps: ComposeDeps, conversation: Conversation, parse: Parse<unknown>): Promise<boolean> {
  const detected = parse.detection.language;
  if (!detected || detected === conversation.language || parse.detection.strength !== 'strong') return false;
  await deps.repos.conversations.update({ conversationId: conversation.conversationId }, { language: detected });
  conversation.language = detected;
  return true;
}

/** The owner answering the bot's own question: yes/no, a product number, a language number. */
async function answerPending(deps: ComposeDeps, ctx: TurnContext, dialogue: DialogueState | undefined): Promise<Composed | undefined> {
  const pending = dialogue?.pending;
  if (!pending) return undefined;
  if (pending.kind === 'confirm') {
    if (YES.test(ctx.text)) return { intent: 'log_sale', text: await applyAction(ctx, pending.action) };
    if (NO.test(ctx.text)) return { intent: 'log_sale', text: ctx.t('log.cancelled') };
    return undefined;
  }
  if (pending.kind === 'choose_language') {
    const language = menuChoice(ctx.text, ctx.parse.targetLanguage);
    return language ? { intent: 'change_language', text: await switchTo(ctx, language) } : undefined;
  }
  if (pending.kind === 'choose_product') {
    const n = Number(ctx.text.trim());
    const sku = Number.isInteger(n) ? pending.skus[n - 1] : undefined;
    const product = sku ? ctx.products.find((p) => p.sku === sku) : undefined;
    if (!product) return undefined;
    ctx.product = product;
    replay(ctx, pending.request);
    const intent = pending.request.intent as Intent;
    return speak(deps, ctx, intent, await handlerFor(intent)(ctx));
  }
  return undefined;
}

/** "and rice?" after a forecast: a bare product continues the last question. */
function followUp(parse: Parse<Product>, dialogue: DialogueState | undefined): Intent {
  const bare = parse.margin <= 0 && parse.intent === 'forecast' && parse.product && !parse.quantity;
  if (bare && dialogue?.lastIntent && NEEDS_PRODUCT.has(dialogue.lastIntent as Intent)) return dialogue.lastIntent as Intent;
  return parse.intent;
}

/** The store product a message is about; 'ask' when several fit and a question was left open. */
function resolveProduct(ctx: TurnContext, intent: Intent): Product | 'ask' | undefined {
  const mention = ctx.parse.product;
  if (!mention) return undefined;
  const candidates = mention.products.length ? mention.products : ctx.products.filter((p) => mention.canonical && p.canonical === mention.canonical);
  if (candidates.length <= 1 || !NEEDS_PRODUCT.has(intent)) return candidates[0];
  const request: PendingRequest = {
    intent,
    ...(ctx.parse.quantity ? { quantity: ctx.parse.quantity.value } : {}),
    ...(ctx.parse.price !== undefined ? { price: ctx.parse.price } : {}),
    ...(ctx.parse.day && 'offset' in ctx.parse.day ? { dayOffset: ctx.parse.day.offset } : {}),
    ...(ctx.parse.day && 'week' in ctx.parse.day ? { week: ctx.parse.day.week } : {}),
  };
  ctx.ask({ kind: 'choose_product', word: mention.words, skus: candidates.slice(0, 9).map((p) => p.sku), request });
  return 'ask';
}

function clarifyArgs(ctx: TurnContext): { word: string; choices: string } {
  const mention = ctx.parse.product!;
  const candidates = mention.products.length ? mention.products : ctx.products.filter((p) => p.canonical === mention.canonical);
  return {
    word: mention.words,
    choices: candidates.slice(0, 9).map((p, i) => ctx.t('clarify.choice', { n: i + 1, product: p.name })).join('\n'),
  };
}

/** Puts a remembered question back into the parse, so its handler runs as if just asked. */
function replay(ctx: TurnContext, request: PendingRequest): void {
  ctx.parse = {
    ...ctx.parse,
    intent: request.intent as Intent,
    margin: 1,
    ...(request.quantity !== undefined ? { quantity: { value: request.quantity } } : {}),
    ...(request.price !== undefined ? { price: request.price } : {}),
    ...(request.dayOffset !== undefined ? { day: { offset: request.dayOffset } } : request.week ? { day: { week: request.week } } : {}),
  };
}

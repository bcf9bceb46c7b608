import type { Language } from './language.js';

export type Channel = 'whatsapp' | 'sms' | 'web';
export type Direction = 'in' | 'out';

/**
 * Inbound: received → answered (or dropped by flood control).
 * Outbound: queued → sending → (Twilio's) queued/sent → delivered → read, or failed/undelivered;
 * suppressed when it must not go out (opted out, WhatsApp window closed without a template).
 */
export type DeliveryStatus =
  | 'received' | 'answered' | 'dropped'
  | 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered' | 'suppressed';

/** What the bot is waiting for in a conversation, and what it remembers for follow-ups. */
export interface DialogueState {
  /** After this the state is forgotten (ISO time). */
  expiresAt: string;
  /** The last question's intent and product, so "and rice?" repeats it for rice. */
  lastIntent?: string;
  lastSku?: string;
  pending?:
    | { kind: 'onboarding'; step: 'language' | 'store_name' | 'location' | 'products'; storeName?: string; city?: string; state?: string }
    | { kind: 'choose_language' }
    /** An action to apply on "yes" (a log entry that looked unusual or unsure). */
    | { kind: 'confirm'; action: PendingAction }
    /** A question to finish once the owner picks one of several products. */
    | { kind: 'choose_product'; word: string; skus: string[]; request: PendingRequest };
}

/** A sale or stock entry, ready to apply. */
export interface PendingAction {
  type: 'sale' | 'stock_add' | 'stock_set';
  sku: string;
  quantity: number;
  /** For sales: the day sold. */
  date?: string;
}

/** The parts of a parsed question needed to answer it once the product is known. */
export interface PendingRequest {
  intent: string;
  quantity?: number;
  price?: number;
  dayOffset?: number;
  week?: 'this' | 'next' | 'last';
}

/** One chat between one user and the bot on one channel. */
export interface Conversation {
  conversationId: string;
  /** Empty until the number belongs to a registered user. */
  userId: string;
  storeId?: string;
  channel: Channel;
  /** Where replies go: `whatsapp:+91…`, `sms:+91…`, or `web:<userId>`. */
  address: string;
  language: Language;
  /** The owner's last message: WhatsApp allows free-form replies for 24 hours after it. */
  lastInboundAt?: string;
  /** Set by STOP, cleared by START: nothing is sent while set. */
  optedOutAt?: string;
  /** Flood control: messages counted in the current one-minute window, and when it began. */
  floodCount?: number;
  floodWindowStart?: string;
  /** When flood control last warned this sender. */
  floodWarnedAt?: string;
  dialogue?: DialogueState;
  createdAt: string;
}

/** A sale or stock change made by chat, kept so that `undo` can reverse it. */
export interface ChatEntry {
  conversationId: string;
  /** Time-ordered, so the newest entry is the last. */
  entryId: string;
  storeId: string;
  type: 'sale' | 'stock_add' | 'stock_set';
  sku: string;
  quantity: number;
  date?: string;
  /** Stock before the change, to restore on undo. */
  previousStock?: number;
  undoneAt?: string;
  createdAt: string;
}

export interface MediaItem {
  url: string;
  contentType: string;
}

/** A pre-approved message for outside WhatsApp's 24-hour window (and DLT-registered SMS). */
export interface TemplateRef {
  name: string;
  variables: Record<string, string>;
}

export type PendingKind = 'turn' | 'send';

export interface Message {
  messageId: string;
  conversationId: string;
  storeId?: string;
  direction: Direction;
  channel: Channel;
  text: string;
  status: DeliveryStatus;
  /** Arrival order (time-sortable); replies and their parts sort after what they answer. */
  seq: string;
  /** Twilio's MessageSid, when the message went through Twilio. */
  providerSid?: string;
  /** The inbound message a reply answers. */
  inReplyTo?: string;
  /** Part n of m, for replies split to fit the channel. */
  part?: { index: number; of: number };
  media?: MediaItem[];
  template?: TemplateRef;
  /** Send only as its template: WhatsApp already refused the free-form text (error 63016). */
  templateOnly?: boolean;
  /** Sent even to an opted-out number: the confirmation of STOP itself. */
  evenIfOptedOut?: boolean;
  intent?: string;
  language?: Language;
  /** For replies: the model that phrased it; absent for template replies. */
  via?: string;
  /** Why it failed: a Twilio error code (`63016`) or ours (`OPTED_OUT`, `OUTSIDE_WINDOW`). */
  errorCode?: string;
  /** When the last hand-over to the provider started (a crash after it needs reconciling). */
  sendingAt?: string;
  /** While it waits for a turn or a send: `<conversationId>#<kind>`, the kind, and its order. */
  pendingConversation?: string;
  pendingKind?: PendingKind;
  pendingSeq?: string;
  createdAt: string;
  updatedAt: string;
}

/** The fields that put a message in the pending indexes (remove them with `notPending`). */
export function pending(conversationId: string, kind: PendingKind, seq: string): Pick<Message, 'pendingConversation' | 'pendingKind' | 'pendingSeq'> {
  return { pendingConversation: `${conversationId}#${kind}`, pendingKind: kind, pendingSeq: seq };
}

export const notPending: Pick<Message, 'pendingConversation' | 'pendingKind' | 'pendingSeq'> = {
  pendingConversation: undefined,
  pendingKind: undefined,
  pendingSeq: undefined,
};

/** Delivery progress never moves backwards: a late "sent" does not undo "delivered". */
export const STATUS_RANK: Partial<Record<DeliveryStatus, number>> = {
  queued: 1, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3, read: 4,
};

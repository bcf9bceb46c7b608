/** The store's messages and conversations, for the panel. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { Cursor, Language, page, Timestamp } from './common.js';

export const DELIVERY_STATUSES = ['received', 'answered', 'dropped', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered', 'suppressed'] as const;
const DeliveryStatus = z.enum(DELIVERY_STATUSES).meta({ id: 'DeliveryStatus' });
const Channel = z.enum(['whatsapp', 'sms', 'web']);
const Direction = z.enum(['in', 'out']);
const Limit = z.coerce.number().int().min(1).max(200).default(50);

export const MessagesQuery = z.object({ status: DeliveryStatus.optional(), limit: Limit, cursor: Cursor.optional() });

export const MessageSummary = z
  .strictObject({
    messageId: z.string(),
    conversationId: z.string(),
    direction: Direction,
    channel: Channel,
    status: DeliveryStatus,
    errorCode: z.string().optional().meta({ description: 'A Twilio error code (`63016`) or ours (`OPTED_OUT`, `OUTSIDE_WINDOW`).' }),
    providerSid: z.string().optional(),
    intent: z.string().optional(),
    part: z.strictObject({ index: z.number().int(), of: z.number().int() }).optional(),
    text: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'MessageSummary' });
export const MessagePage = page(MessageSummary).meta({ id: 'MessagePage' });

export const ConversationsQuery = z.object({ limit: Limit, cursor: Cursor.optional() });

export const ConversationSummary = z
  .strictObject({
    conversationId: z.string(),
    channel: Channel,
    address: z.string().meta({ description: 'Masked: `whatsapp:+91•••••45678`.' }),
    language: Language,
    userId: z.string().meta({ description: 'Empty until the number belongs to a registered user.' }),
    lastInboundAt: Timestamp.optional(),
    optedOutAt: Timestamp.optional(),
    createdAt: Timestamp,
  })
  .meta({ id: 'ConversationSummary' });
export const ConversationPage = page(ConversationSummary).meta({ id: 'ConversationPage' });

export const ConversationMessage = z
  .strictObject({
    messageId: z.string(),
    direction: Direction,
    status: DeliveryStatus,
    text: z.string(),
    intent: z.string().optional(),
    language: Language.optional(),
    via: z.string().optional(),
    errorCode: z.string().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'ConversationMessage' });
export const ConversationThread = page(ConversationMessage)
  .extend({ conversation: ConversationSummary })
  .meta({ id: 'ConversationThread' });

export const messageOperations = {
  list: operation({
    operationId: 'listMessages', method: 'get', path: '/messages', tag: 'messages', access: 'store',
    summary: 'The store’s messages, newest first, with delivery status',
    request: { query: MessagesQuery },
    responses: { 200: { description: 'A page of messages.', schema: MessagePage } },
    problems: { 400: ['MESSAGES.INVALID_REQUEST'] },
  }),
};

export const conversationOperations = {
  list: operation({
    operationId: 'listConversations', method: 'get', path: '/conversations', tag: 'conversations', access: 'store',
    summary: 'The store’s conversations, newest first',
    request: { query: ConversationsQuery },
    responses: { 200: { description: 'A page of conversations.', schema: ConversationPage } },
    problems: { 400: ['CONVERSATIONS.INVALID_REQUEST'] },
  }),
  messages: operation({
    operationId: 'listConversationMessages', method: 'get', path: '/conversations/{id}/messages', tag: 'conversations', access: 'store',
    summary: 'One conversation’s messages, newest first',
    request: { params: z.object({ id: z.string() }), query: ConversationsQuery },
    responses: { 200: { description: 'The conversation and a page of its messages.', schema: ConversationThread } },
    problems: { 400: ['CONVERSATIONS.INVALID_REQUEST'], 404: ['CONVERSATION.NOT_FOUND'] },
  }),
};

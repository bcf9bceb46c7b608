/** `POST /chat`: the owner's web chat. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { Language, QUEUE_DOWN, StoreHeaders } from './common.js';

export const ChatRequest = z
  .object({
    text: z.string().trim().min(1, 'text is empty').max(2000, 'text is longer than 2000 characters').meta({ example: 'how much milk tomorrow?' }),
  })
  .meta({ id: 'ChatRequest' });

export const ChatHeaders = StoreHeaders.extend({
  'Idempotency-Key': z.string().optional().meta({ description: 'A retried request with the same key is the same message, answered once.' }),
});

export const ChatResponse = z
  .strictObject({
    reply: z.string(),
    intent: z.string().meta({ example: 'forecast' }),
    language: Language,
    via: z.string().meta({ description: 'The model that phrased the reply, or `template`.', example: 'template' }),
    messageId: z.string().meta({ description: 'The question’s message id.' }),
    replyMessageId: z.string(),
  })
  .meta({ id: 'ChatResponse' });

export const chatOperations = {
  chat: operation({
    operationId: 'chat',
    method: 'post',
    path: '/chat',
    summary: 'Ask the copilot, answered in the response',
    description: 'The same pipeline as WhatsApp: the question is answered in the owner’s language, one at a time.',
    tag: 'chat',
    access: 'store',
    request: { headers: ChatHeaders, body: { 'application/json': ChatRequest } },
    responses: { 200: { description: 'The reply.', schema: ChatResponse } },
    problems: { 400: ['CHAT.INVALID_REQUEST'], 429: ['CHAT.NOT_ANSWERED'], 503: QUEUE_DOWN, 504: ['CHAT.TIMEOUT'] },
  }),
};

/** Conversations with the bot and their messages, newest first (schemas/messages.ts). */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type DeliveryStatus = 'received' | 'answered' | 'dropped' | 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered' | 'suppressed';

export interface ConversationSummary {
  conversationId: string;
  channel: 'whatsapp' | 'sms' | 'web';
  /** Masked: `whatsapp:+91•••••45678`. */
  address: string;
  language: string;
  userId: string;
  lastInboundAt?: string;
  optedOutAt?: string;
  createdAt: string;
}

export interface ConversationMessage {
  messageId: string;
  direction: 'in' | 'out';
  status: DeliveryStatus;
  text: string;
  intent?: string;
  language?: string;
  via?: string;
  /** A Twilio error code (`63016`) or ours (`OPTED_OUT`, `OUTSIDE_WINDOW`). */
  errorCode?: string;
  createdAt: string;
  updatedAt: string;
}

interface Page<T> {
  items: T[];
  cursor?: string;
}

export function useConversations(storeId: string) {
  return useInfiniteQuery({
    queryKey: ['store', storeId, 'conversations'],
    queryFn: ({ pageParam, signal }) => api<Page<ConversationSummary>>('/conversations', { storeId, signal, query: { limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor,
  });
}

export function useThread(storeId: string, conversationId: string | undefined) {
  return useQuery({
    queryKey: ['store', storeId, 'conversations', conversationId],
    queryFn: ({ signal }) =>
      api<Page<ConversationMessage> & { conversation: ConversationSummary }>(`/conversations/${encodeURIComponent(conversationId!)}/messages`, {
        storeId,
        signal,
        query: { limit: 100 },
      }),
    enabled: Boolean(conversationId),
    // Delivery ticks move as Twilio reports; keep an open thread current.
    refetchInterval: 15_000,
  });
}

/** A message as `GET /messages` lists it: with its conversation, for finding failures across threads. */
export interface MessageSummary extends Omit<ConversationMessage, 'language' | 'via'> {
  conversationId: string;
  channel: ConversationSummary['channel'];
  providerSid?: string;
  part?: { index: number; of: number };
}

export function useFailedMessages(storeId: string) {
  return useQuery({
    queryKey: ['store', storeId, 'messages', 'failed'],
    queryFn: ({ signal }) => api<Page<MessageSummary>>('/messages', { storeId, signal, query: { status: 'failed', limit: 20 } }),
  });
}

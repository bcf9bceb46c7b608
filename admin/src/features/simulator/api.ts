/**
 * A WhatsApp message from any phone, through the real pipeline (inbox → queue → bot → outbox),
 * with the bot's replies (`POST /admin/simulator`). An unknown phone gets onboarding.
 */
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface SimulatedMessage {
  phone: string;
  text: string;
}

export interface SimulatorReply {
  messageId: string;
  conversationId: string;
  replies: { text: string; intent?: string; language?: string }[];
}

export function useSimulator() {
  return useMutation({ mutationFn: (message: SimulatedMessage) => api<SimulatorReply>('/admin/simulator', { method: 'POST', body: message }) });
}

/** The demo store owner's phone, which the demo data knows. */
export const DEMO_OWNER_PHONE = '+919800000001';

/** E.164 as WhatsApp numbers are: a plus, then 8 to 15 digits. */
export const PHONE_PATTERN = '\\+[1-9][0-9]{7,14}';

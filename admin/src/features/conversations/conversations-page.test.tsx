import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, it } from 'vitest';
import { ownerLogin } from '../../test/fixtures/sessions';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';
import type { ConversationMessage, ConversationSummary } from './api';

const conversation: ConversationSummary = {
  conversationId: 'conv_ut7QDOHp_u2rZTLAkUdDFg',
  channel: 'whatsapp',
  address: 'whatsapp:+91•••••00001',
  language: 'en',
  userId: 'user_demo_owner',
  lastInboundAt: '2026-11-26T05:17:39.391Z',
  createdAt: '2026-11-26T05:17:39.391Z',
};

const at = (minute: number) => `2026-11-26T05:${String(minute).padStart(2, '0')}:00.000Z`;
/** Newest first, as the API lists them. */
const messages: ConversationMessage[] = [
  { messageId: 'm6', direction: 'out', status: 'failed', errorCode: '63016', text: 'Sugar: *35 kg*', intent: 'reorder', language: 'en', createdAt: at(6), updatedAt: at(6) },
  { messageId: 'm5', direction: 'out', status: 'read', text: 'Milk: *78 packets* tomorrow', intent: 'forecast', language: 'en', createdAt: at(5), updatedAt: at(5) },
  { messageId: 'm4', direction: 'out', status: 'delivered', text: 'Done.', intent: 'log_sale', createdAt: at(4), updatedAt: at(4) },
  { messageId: 'm3', direction: 'out', status: 'sent', text: 'Noted.', intent: 'log_stock', createdAt: at(3), updatedAt: at(3) },
  { messageId: 'm2', direction: 'out', status: 'queued', text: 'One moment.', createdAt: at(2), updatedAt: at(2) },
  { messageId: 'm1', direction: 'in', status: 'answered', text: 'how much milk tomorrow?', intent: 'forecast', language: 'en', createdAt: at(1), updatedAt: at(1) },
];

it('lists failed deliveries, and shows a thread oldest first with intents, delivery ticks and Twilio codes', async () => {
  server.use(
    http.get('/api/v1/conversations', () => HttpResponse.json({ items: [conversation] })),
    http.get('/api/v1/conversations/:id/messages', () => HttpResponse.json({ conversation, items: messages })),
    http.get('/api/v1/messages', ({ request }) =>
      HttpResponse.json({
        items: new URL(request.url).searchParams.get('status') === 'failed' ? [{ ...messages[0]!, conversationId: conversation.conversationId, channel: 'whatsapp' }] : [],
      }),
    ),
  );
  const { user } = renderApp('/conversations', ownerLogin());

  const failures = await screen.findByRole('region', { name: 'Failed deliveries' });
  expect(await within(failures).findByText(/Twilio error 63016/)).toBeInTheDocument();

  await user.click(await screen.findByRole('link', { name: /whatsapp:\+91•••••00001/ }));

  const thread = await screen.findByRole('list', { name: 'Messages' });
  const bubbles = within(thread).getAllByRole('listitem');
  expect(bubbles[0]).toHaveTextContent('Owner: how much milk tomorrow?');
  expect(bubbles[0]).toHaveTextContent('forecast');
  const ticks = bubbles.slice(1).map((b) => b.querySelector('.tick'));
  expect(ticks.map((tick) => tick?.textContent)).toEqual(['🕓 queued', '✓ sent', '✓✓ delivered', '✓✓ read', '⚠ failed Twilio error 63016']);
  expect(ticks[3]).toHaveClass('tick-read');
  expect(within(bubbles[5]!).getByText('35 kg').tagName).toBe('STRONG');
});

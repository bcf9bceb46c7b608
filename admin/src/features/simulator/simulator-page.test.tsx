import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, it } from 'vitest';
import { adminLogin } from '../../test/fixtures/sessions';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

it('sends a message as the demo owner and shows the bot’s reply, bold as WhatsApp shows it', async () => {
  let sent: unknown;
  server.use(
    http.post('/api/v1/admin/simulator', async ({ request }) => {
      sent = await request.json();
      // Recorded from the demo store.
      return HttpResponse.json({
        messageId: 'sim_kSgo2pY8CwKX_I76',
        conversationId: 'conv_ut7QDOHp_u2rZTLAkUdDFg',
        replies: [{ text: 'Order now (delivery time included):\n• Amul Taaza Milk 500ml: *68 packets* (in stock 34 packets)', intent: 'reorder', language: 'en' }],
      });
    }),
  );
  const { user } = renderApp('/simulator', adminLogin());

  await user.type(await screen.findByLabelText('Message'), 'what should I order?');
  await user.click(screen.getByRole('button', { name: 'Send' }));

  const chat = screen.getByRole('list', { name: 'Chat' });
  expect(await within(chat).findByText('68 packets')).toHaveProperty('tagName', 'STRONG');
  const bubbles = within(chat).getAllByRole('listitem').filter((li) => li.textContent);
  expect(bubbles.map((b) => b.className)).toEqual(['bubble bubble-out', 'bubble bubble-in']);
  expect(bubbles[0]).toHaveTextContent('what should I order?');
  expect(bubbles[1]).toHaveTextContent('reorder');
  expect(sent).toEqual({ phone: '+919800000001', text: 'what should I order?' });
  expect(screen.getByLabelText('Message')).toHaveValue('');
});

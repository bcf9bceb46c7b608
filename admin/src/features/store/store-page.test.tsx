import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoStoreHandlers } from '../../test/demo-store-api';
import { adminLogin, ownerLogin } from '../../test/fixtures/sessions';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

describe('store page', () => {
  it('shows the catalogue and what to order now', async () => {
    server.use(...demoStoreHandlers());
    renderApp('/store', ownerLogin());

    const catalogue = await screen.findByRole('table', { name: 'Products with price, stock and lead time' });
    const milk = within(catalogue).getByRole('row', { name: /Amul Taaza Milk 500ml/ });
    expect(milk).toHaveTextContent('₹29');
    expect(milk).toHaveTextContent('34 packets');
    expect(within(catalogue).getAllByRole('row')).toHaveLength(5); // header + four products

    const reorder = await screen.findByRole('table', { name: 'Products to order, with stock and expected demand' });
    const rows = within(reorder).getAllByRole('row').slice(1);
    // Only products with something to order, the largest order first.
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Amul Taaza Milk 500ml', 'Sugar (loose)']);
    expect(rows[0]).toHaveTextContent('68 packets');

    expect(await screen.findByRole('img', { name: 'Forecast chart' })).toBeInTheDocument();
    const prices = await screen.findByRole('table', { name: 'Your price, the market\'s, your margin and the advice' });
    expect(within(prices).getByRole('row', { name: /Chana Dal \(loose\)/ })).toHaveTextContent('(old figures)');
  });

  it('sends only the changed fields when a product is edited, and shows the new price', async () => {
    let patch: { sku: string | readonly string[] | undefined; body: unknown; store: string | null } | undefined;
    server.use(
      ...demoStoreHandlers(),
      http.patch('/api/v1/store/products/:sku', async ({ params, request }) => {
        patch = { sku: params.sku, body: await request.json(), store: request.headers.get('X-Store-Id') };
        return HttpResponse.json({ sku: 'MILK-500', leadTimeDays: 1, stock: 34, price: 30, aliases: ['doodh', 'dudh'] });
      }),
    );
    const { user } = renderApp('/stores/demo-kirana', adminLogin());

    await user.click(await screen.findByRole('button', { name: 'Edit Amul Taaza Milk 500ml' }));
    const price = screen.getByLabelText('Price of Amul Taaza Milk 500ml');
    await user.clear(price);
    await user.type(price, '30');
    await user.type(screen.getByLabelText('Chat names of Amul Taaza Milk 500ml'), 'doodh, dudh');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const milk = await screen.findByRole('row', { name: /Amul Taaza Milk 500ml.*₹30/ });
    expect(milk).toHaveTextContent('doodh, dudh');
    expect(patch).toEqual({ sku: 'MILK-500', body: { price: 30, aliases: ['doodh', 'dudh'] }, store: 'demo-kirana' });
  });
});

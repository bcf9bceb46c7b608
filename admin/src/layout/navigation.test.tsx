import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoStoreHandlers } from '../test/demo-store-api';
import { adminLogin, ownerLogin } from '../test/fixtures/sessions';
import { renderApp } from '../test/render-app';
import { server } from '../test/server';

const menuLinks = (name = 'Main') => within(screen.getByRole('navigation', { name })).getAllByRole('link').map((link) => link.textContent);

describe('navigation by role', () => {
  it('shows an owner their store, conversations and upload only', async () => {
    server.use(...demoStoreHandlers());
    renderApp('/store', ownerLogin());

    await screen.findByRole('heading', { level: 1, name: 'Shree Ganesh Kirana' });
    expect(menuLinks()).toEqual(['Store', 'Conversations', 'Sales upload']);
  });

  it('sends an owner who types an admin address back to their store', async () => {
    server.use(...demoStoreHandlers());
    renderApp('/jobs', ownerLogin());

    expect(await screen.findByRole('heading', { level: 1, name: 'Shree Ganesh Kirana' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Jobs' })).not.toBeInTheDocument();
  });

  it('shows an admin everything', async () => {
    server.use(http.get('/api/v1/admin/stores', () => HttpResponse.json({ items: [] })));
    renderApp('/stores', adminLogin());

    await screen.findByText('No store matches.');
    expect(menuLinks()).toEqual(['Overview', 'Stores', 'Store', 'Conversations', 'Sales upload', 'Chat simulator', 'Market prices', 'Jobs', 'Audit']);
  });
});

describe('language', () => {
  it('switches the visible words to Hindi, marks the page as Hindi, and remembers it', async () => {
    server.use(...demoStoreHandlers());
    const { user } = renderApp('/store', ownerLogin());
    await screen.findByRole('heading', { level: 2, name: 'Catalogue' });

    await user.selectOptions(screen.getByLabelText('Language'), 'hi');

    expect(await screen.findByRole('heading', { level: 2, name: 'सामान की सूची' })).toBeInTheDocument();
    expect(menuLinks('मुख्य')).toEqual(['दुकान', 'बातचीत', 'बिक्री अपलोड']);
    expect(screen.getByRole('button', { name: 'लॉग आउट' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('hi');
    expect(localStorage.getItem('bharatsense.lang')).toBe('hi');
  });
});


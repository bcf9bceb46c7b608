import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoStoreHandlers, problem } from '../../test/demo-store-api';
import { ownerLogin } from '../../test/fixtures/sessions';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

describe('login', () => {
  it('keeps the token and opens the owner’s store', async () => {
    let sent: unknown;
    server.use(
      http.post('/api/v1/auth/login', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(ownerLogin());
      }),
      ...demoStoreHandlers(),
    );
    const { user } = renderApp('/');

    await user.type(await screen.findByLabelText('Email'), 'owner@bharatsense.local');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Shree Ganesh Kirana' })).toBeInTheDocument();
    expect(sent).toEqual({ email: 'owner@bharatsense.local', password: 'correct horse' });
    expect(JSON.parse(localStorage.getItem('bharatsense.session') ?? '{}')).toMatchObject({ token: 'test-owner-token', user: { role: 'owner' } });
  });

  it('shows the API’s words when the password is wrong, and stays logged out', async () => {
    server.use(http.post('/api/v1/auth/login', () => problem(401, 'AUTH.INVALID_LOGIN', 'Email or password is wrong.')));
    const { user } = renderApp('/login');

    await user.type(screen.getByLabelText('Email'), 'owner@bharatsense.local');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong.');
    expect(localStorage.getItem('bharatsense.session')).toBeNull();
  });

  it('goes back to the login page when the token stops working', async () => {
    server.use(http.get('/api/v1/store/profile', () => problem(401, 'AUTH.INVALID_TOKEN', 'This token is not valid or has expired; log in again.')));
    renderApp('/store', ownerLogin());

    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(localStorage.getItem('bharatsense.session')).toBeNull();
  });

  it('logs out', async () => {
    server.use(...demoStoreHandlers());
    const { user } = renderApp('/store', ownerLogin());

    await user.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
    expect(localStorage.getItem('bharatsense.session')).toBeNull();
  });
});

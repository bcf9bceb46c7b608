/** Renders the whole panel at an address, logged in as someone or not, as the browser would show it. */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { startSession, type Session } from '../api/session';
import { App } from '../app/app';
import { createQueryClient } from '../app/query-client';

export function renderApp(path: string, session?: Session) {
  if (session) startSession(session);
  const queryClient = createQueryClient();
  // A failing request should fail the screen at once, not after the production retries.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const user = userEvent.setup();
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <App queryClient={queryClient} />
    </MemoryRouter>,
  );
  return { user, queryClient, ...view };
}

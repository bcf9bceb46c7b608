/**
 * Every component test: Testing Library's matchers, the panel's catalogues, a clean slate
 * (storage, DOM, language), and the network mocked at the HTTP edge only (msw), where any
 * request no test answers fails the test.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { endSession } from '../api/session';
import { chooseLanguage, i18nReady } from '../i18n';
import { server } from './server';

// As in current Chromium (156 on this machine): the scroll methods return a promise where happy-dom returns
// nothing, so an effect written `() => el.scrollIntoView()` fails here as it does in the browser.
for (const method of ['scrollIntoView', 'scrollTo', 'scrollBy'] as const) {
  const original = Element.prototype[method] as (...args: unknown[]) => void;
  Element.prototype[method] = function (this: Element, ...args: unknown[]) {
    original.apply(this, args);
    return Promise.resolve();
  } as never;
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  await i18nReady;
});

afterEach(async () => {
  cleanup();
  server.resetHandlers();
  endSession();
  await chooseLanguage('en');
  localStorage.clear();
});

afterAll(() => server.close());

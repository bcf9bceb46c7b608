/** Starts the panel at /admin, in the remembered language, and (in production) makes it installable offline. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/app';
import { createQueryClient } from './app/query-client';
import { i18nReady } from './i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

void i18nReady.then(() =>
  root.render(
    <StrictMode>
      <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, '')}>
        <App queryClient={createQueryClient()} />
      </BrowserRouter>
    </StrictMode>,
  ),
);

// In dev the service worker would serve stale modules between edits.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  });
}

/**
 * The web panel at `/admin`: the built React app (`admin/dist`), its hashed assets cached for a
 * year, every other path under `/admin` answered with its `index.html` so the app's own router
 * takes over. Not built yet: a page that says how to build it.
 */
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PANEL_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url));

export function panelRoutes(dist = PANEL_DIST): Router {
  const router = Router();
  router.use(
    '/admin',
    express.static(dist, {
      index: false,
      setHeaders: (res, path) => {
        // Vite names assets by content; the shell and the service worker must be fetched fresh.
        res.setHeader('cache-control', path.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(['/admin', '/admin/{*path}'], (_req, res) => {
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The panel is not built yet: run `npm run build -w admin` (npm start does it for you).');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

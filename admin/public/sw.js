// The panel's service worker: the app shell (index.html and its hashed assets) opens offline;
// the API is always asked first, and its last answers are shown only when the network is down.
// Hand-written and small on purpose: there is one shell and one rule per kind of request.
const SHELL = 'bharatsense-shell-v1';
const API = 'bharatsense-api-v1';
const BASE = new URL('./', self.location.href).pathname; // "/admin/"

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL && name !== API).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A logout (or an expired token) forgets the last person's data on this device.
self.addEventListener('message', (event) => {
  if (event.data === 'forget-api') event.waitUntil(caches.delete(API));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return event.respondWith(networkFirst(request, API, apiCacheKey(request)));
  if (request.mode === 'navigate' && url.pathname.startsWith(BASE)) return event.respondWith(networkFirst(request, SHELL, BASE));
  if (url.pathname.startsWith(BASE)) event.respondWith(cacheFirst(request));
});

/** index.html and every asset it names (the entry chunk, its imports, the CSS). */
async function cacheShell() {
  const cache = await caches.open(SHELL);
  const index = await fetch(BASE, { cache: 'no-cache' });
  if (!index.ok) return;
  const html = await index.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((path) => path.startsWith(BASE));
  await cache.put(BASE, index);
  await cache.addAll([...new Set(assets)]);
}

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

/** Hashed assets never change under one name: the cached copy is the copy. */
async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** An admin reads many stores through the same URLs: the store is part of the cached answer's key. */
function apiCacheKey(request) {
  const url = new URL(request.url);
  const store = request.headers.get('X-Store-Id');
  if (store) url.searchParams.set('__store', store);
  return url.href;
}

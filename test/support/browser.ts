/**
 * Debian's Chromium, driven by playwright-core: never a downloaded browser. The flags keep it
 * from reaching the network on its own (updates, sync, safe browsing) and let it run as root in CI.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/// <reference types="vitest/config" />
// The panel is served by the API server at /admin; in dev, Vite serves it and forwards /api there.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the dev server finds the API; PANEL_API points it at another port. */
const api = process.env.PANEL_API ?? 'http://localhost:3000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: { proxy: { '/api': api } },
  preview: { proxy: { '/api': api } },
  build: { outDir: 'dist', emptyOutDir: true },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
    // Two cores shared with the API's suite.
    maxWorkers: 2,
  },
});

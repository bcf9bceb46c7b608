import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // A stage's first synth takes seconds (hashing the image context, building every construct).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two shared cores: one worker, files share it (isolate off) so each stage is synthesised once per run.
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each file makes its own database: a first PGlite takes seconds, longer on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

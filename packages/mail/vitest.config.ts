import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only the sources: never built output or scratch copies of the tests.
    include: ['src/**/*.test.ts'],
  },
});

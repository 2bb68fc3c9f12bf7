import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The smoke run starts real servers, workers and load generators: seconds, not milliseconds.
    testTimeout: 180_000,
  },
});

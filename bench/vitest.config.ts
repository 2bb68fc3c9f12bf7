import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The smoke run starts real servers, workers and load generators: seconds, not milliseconds.
    // Nine rows, three of them starting a server per database: a few minutes on a busy machine.
    testTimeout: 600_000,
  },
});

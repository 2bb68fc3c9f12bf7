import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each file has its own database; PGlite clones and argon2 hashes make the first call slower.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only the sources: never built output or scratch copies of the tests.
    include: ['src/**/*.test.ts'],
    // These tests talk to real SMTP servers, and every wait in them has its own bound that says
    // what was slow: the client's timeoutMs (5 s in the fixture's transport, EMAIL_TIMEOUT) and
    // waitForMessages (5 s). vitest's default of 5 s for the whole test raced those bounds and, in a
    // full `pnpm test` where the builds and every other suite share two cores, cut off a test that
    // was merely slow (a 0.2 s delivery took 1.4 s there) with no word about which wait it was.
    testTimeout: 30_000,
  },
});

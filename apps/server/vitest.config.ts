import { defineConfig } from 'vitest/config';

/**
 * Every test runs on PGlite without DATABASE_URL (a new clone) and on Postgres with it (CI). The few
 * that need a Postgres server itself (LISTEN/NOTIFY, several connections at once) are named
 * `*.postgres.test.ts` and are left out, with a note, when there is none: never run and skipped.
 */
const hasPostgres = /^postgres(ql)?:\/\//i.test(
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '',
);
const POSTGRES_ONLY = 'src/**/*.postgres.test.ts';
if (!hasPostgres) {
  console.warn(
    `\n!!! server: DATABASE_URL is not a postgres:// URL, so ${POSTGRES_ONLY} does not run (PGlite has no LISTEN/NOTIFY).\n`,
  );
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: hasPostgres ? [] : [POSTGRES_ONLY],
    // Each file has its own database; PGlite clones and argon2 hashes make the first call slower.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

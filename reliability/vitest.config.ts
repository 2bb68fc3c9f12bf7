import { defineConfig } from 'vitest/config';

/**
 * Postgres is required for most of this suite (several server and worker processes share one
 * database). Without DATABASE_URL (a new clone), only the files that need no Postgres run — the
 * harness's own tests and `*.pglite.test.ts` — and this says so loudly. CI sets DATABASE_URL.
 */
const hasPostgres = /^postgres(ql)?:\/\//i.test(
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '',
);
const WITHOUT_POSTGRES = ['src/harness/**/*.test.ts', 'src/**/*.pglite.test.ts'];

if (!hasPostgres) {
  console.warn(
    [
      '',
      '!!! reliability: DATABASE_URL is not a postgres:// URL, so only the cases that need no Postgres run',
      `!!! (${WITHOUT_POSTGRES.join(', ')}). The fault, crash, multi-process and attack cases need`,
      '!!! Postgres: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm --filter @rolegate/reliability test',
      '',
    ].join('\n'),
  );
}

export default defineConfig({
  test: {
    include: hasPostgres ? ['src/**/*.test.ts'] : WITHOUT_POSTGRES,
    globalSetup: ['src/harness/global-setup.ts'],
    // Cases start real processes and wait on real SMTP retries: each sets its own bound too.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Most of a case's time is spent in the server processes it starts, not in the test worker.
    maxWorkers: 3,
  },
});

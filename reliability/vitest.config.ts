import { defineConfig } from 'vitest/config';
import { postgresBinDir } from './src/harness/private-postgres.js';

/**
 * Postgres is required for most of this suite (several server and worker processes share one
 * database). Without DATABASE_URL (a new clone), only the files that need no Postgres run — the
 * harness's own tests, the release folder's and `*.pglite.test.ts` — and this says so loudly. CI sets DATABASE_URL.
 */
const hasPostgres = /^postgres(ql)?:\/\//i.test(
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '',
);
const WITHOUT_POSTGRES = [
  'src/harness/**/*.test.ts',
  'src/release/**/*.test.ts',
  'src/**/*.pglite.test.ts',
];

// Restarting Postgres needs a cluster of the case's own, so the server binaries (initdb, pg_ctl).
const RESTART_CASE = 'src/faults/postgres-restart.test.ts';
const canRestartPostgres = postgresBinDir() !== null;
if (hasPostgres && !canRestartPostgres) {
  console.warn(
    `\n!!! reliability: no Postgres server binaries under /usr/lib/postgresql, so ${RESTART_CASE} does not run.\n`,
  );
}

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
    exclude: ['**/node_modules/**', ...(canRestartPostgres ? [] : [RESTART_CASE])],
    globalSetup: ['src/harness/global-setup.ts'],
    // Cases start real processes and wait on real SMTP retries: each sets its own bound too.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Most of a case's time is spent in the server processes it starts, not in the test worker.
    maxWorkers: 3,
  },
});

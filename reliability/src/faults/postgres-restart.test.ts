import { describe } from 'vitest';
import {
  type PrivatePostgres,
  reliabilityCase,
  type ServerProcess,
  signInAdmin,
  sleep,
  startPrivatePostgres,
  startStack,
} from '../harness/index.js';
import {
  expectCleanFailures,
  expectRecovered,
  loadDuring,
  REQUEST_TIMEOUT_MS,
} from './postgres-load.js';

const LOAD_MS = 10_000;
const DOWN_MS = 3_000;

// A cluster of this case's own (private-postgres.ts): stopping the machine's Postgres would break
// every other test running on it.
describe('Postgres restarted under load', () => {
  reliabilityCase(
    `Postgres stopped for ${DOWN_MS / 1000} s and started again during ${LOAD_MS / 1000} s of sign-ups and admin reads`,
    150_000,
    async (figures) => {
      const postgres: PrivatePostgres = await startPrivatePostgres();
      try {
        const stack = await startStack({ postgresUrl: postgres.url });
        try {
          const server = stack.servers[0] as ServerProcess;
          const pid = server.pid;
          const admin = await signInAdmin(stack.personOptions({ timeoutMs: REQUEST_TIMEOUT_MS }));
          const stopAt = Date.now() + LOAD_MS;
          const load = await loadDuring(stack, admin, 'pgrestart', stopAt, async () => {
            await sleep(2_000);
            await postgres.stop('fast');
            await sleep(DOWN_MS);
            await postgres.start();
          });
          expectCleanFailures(load, figures);
          await expectRecovered(stack, server, pid, 'pgrestart', figures);
        } finally {
          await stack.stop();
        }
      } finally {
        await postgres.destroy();
      }
    },
  );
});

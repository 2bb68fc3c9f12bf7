import { describe, expect } from 'vitest';
import {
  type CaseDatabase,
  reliabilityCase,
  type ServerProcess,
  signInAdmin,
  sleep,
  startStack,
} from '../harness/index.js';
import {
  expectCleanFailures,
  expectRecovered,
  LANES,
  loadDuring,
  REQUEST_TIMEOUT_MS,
} from './postgres-load.js';

const LOAD_MS = 8_000;
const KILL_EVERY_MS = 1_000;

/** Ends every connection the servers hold on the case's database, the LISTEN one included. */
async function terminateBackends(database: CaseDatabase): Promise<number> {
  const rows = await database.admin<{ terminated: boolean }>(
    `select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where datname = $1 and pid <> pg_backend_pid()`,
    [database.name],
  );
  return rows.filter((row) => row.terminated).length;
}

describe('Postgres connections killed under load', () => {
  reliabilityCase(
    `pg_terminate_backend every ${KILL_EVERY_MS / 1000} s for ${LOAD_MS / 1000} s of sign-ups and admin reads`,
    150_000,
    async (figures) => {
      const stack = await startStack();
      try {
        const server = stack.servers[0] as ServerProcess;
        const pid = server.pid;
        const admin = await signInAdmin(stack.personOptions({ timeoutMs: REQUEST_TIMEOUT_MS }));
        const stopAt = Date.now() + LOAD_MS;
        let kills = 0;
        let terminated = 0;
        const load = await loadDuring(stack, admin, 'pgkill', stopAt, async () => {
          while (Date.now() < stopAt - KILL_EVERY_MS / 2) {
            await sleep(KILL_EVERY_MS);
            terminated += await terminateBackends(stack.database);
            kills += 1;
          }
        });
        expectCleanFailures(load, figures);
        figures.kills = kills;
        figures.backendsTerminated = terminated;
        // A killed connection fails only the requests using it then: no storm afterwards.
        const failed = load.outcomes.length - (load.counts.ok ?? 0);
        figures.failedPerKill = (failed / Math.max(1, kills)).toFixed(1);
        expect(failed).toBeLessThanOrEqual(kills * LANES);
        await expectRecovered(stack, server, pid, 'pgkill', figures);
      } finally {
        await stack.stop();
      }
    },
  );
});

import { describe, expect } from 'vitest';
import {
  applicantEmail,
  type CaseDatabase,
  outcomeOf,
  reliabilityCase,
  type ServerProcess,
  signInAdmin,
  signUpPower,
  sleep,
  startStack,
  usersWithoutRequest,
  waitFor,
} from '../harness/index.js';
import {
  checkDeliveries,
  formatCounts,
  powerBurst,
  tally,
  waitForNotifications,
} from './support.js';

const LOAD_MS = 8_000;
const KILL_EVERY_MS = 1_000;
const LANES = 10;
/** A request that takes longer than this is a hang. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Ends every connection the servers hold on the case's database, the LISTEN one included. */
async function terminateBackends(database: CaseDatabase): Promise<number> {
  const rows = await database.admin<{ terminated: boolean }>(
    `select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where datname = $1 and pid <> pg_backend_pid() and application_name <> 'reliability-assertions'`,
    [database.name],
  );
  return rows.filter((row) => row.terminated).length;
}

describe('Postgres connections killed under load', () => {
  reliabilityCase(
    `pg_terminate_backend every ${KILL_EVERY_MS / 1000} s for ${LOAD_MS / 1000} s of sign-ups and admin reads`,
    120_000,
    async (figures) => {
      const stack = await startStack();
      try {
        const server = stack.servers[0] as ServerProcess;
        const pid = server.pid;
        const admin = await signInAdmin(stack.personOptions({ timeoutMs: REQUEST_TIMEOUT_MS }));
        const outcomes: string[] = [];
        const messages = new Set<string>();
        let signUps = 0;
        const stopAt = Date.now() + LOAD_MS;
        const lane = async (index: number) => {
          while (Date.now() < stopAt) {
            const call =
              index % 3 === 2
                ? admin.trpc.admin.requests.query({ status: 'pending' })
                : signUpPower(
                    stack.personOptions({ timeoutMs: REQUEST_TIMEOUT_MS }),
                    applicantEmail('pgkill', signUps++),
                  );
            const outcome = await outcomeOf(call);
            outcomes.push(outcome);
            if (outcome !== 'ok') {
              const error = await call.then(
                () => null,
                (caught: unknown) => (caught instanceof Error ? caught.message : String(caught)),
              );
              if (error !== null) messages.add(error);
            }
          }
        };
        let kills = 0;
        let terminated = 0;
        const killer = async () => {
          while (Date.now() < stopAt - KILL_EVERY_MS / 2) {
            await sleep(KILL_EVERY_MS);
            terminated += await terminateBackends(stack.database);
            kills += 1;
          }
        };
        await Promise.all([killer(), ...Array.from({ length: LANES }, (_, i) => lane(i))]);

        const counts = tally(outcomes);
        figures.requests = outcomes.length;
        figures.answers = formatCounts(counts);
        figures.kills = kills;
        figures.backendsTerminated = terminated;
        figures.errorMessages = [...messages].join(' / ');
        // No hang and no dropped connection: every request got an HTTP answer in time.
        expect(counts.timeout ?? 0).toBe(0);
        expect(counts.network ?? 0).toBe(0);
        // A killed connection fails the requests using it with a typed, retryable 503 and a
        // plain sentence: no 500, no driver text. And only those: no storm afterwards.
        expect(
          Object.keys(counts).filter((k) => k !== 'ok' && k !== 'SERVICE_UNAVAILABLE'),
        ).toEqual([]);
        expect([...messages].filter((m) => /connection|terminat|queryable/i.test(m))).toEqual([]);
        const failed = outcomes.length - (counts.ok ?? 0);
        figures.failedPerKill = (failed / Math.max(1, kills)).toFixed(1);
        expect(failed).toBeLessThanOrEqual(kills * LANES);

        // Recovered without a restart: the same process answers, and a new burst all succeeds.
        const after = await powerBurst(() => stack.personOptions(), 'pgkill-after', 20);
        figures.afterwards = formatCounts(after.counts);
        expect(after.counts).toEqual({ ok: 20 });
        expect(server.pid).toBe(pid);
        expect(server.running).toBe(true);
        const health = await fetch(`${server.url}/healthz`);
        expect(health.status).toBe(200);

        // Nothing half-written, and every committed sign-up's notification goes out once, even
        // though the worker's LISTEN connection was killed each time too.
        const db = await stack.database.db();
        expect(await usersWithoutRequest(db, 'pgkill%@applicants.test')).toEqual([]);
        const committed = await db
          .selectFrom('levelRequests')
          .select(db.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        figures.committedSignUps = Number(committed.n);
        // Rows whose claim or outcome was lost with a killed connection wait for their lease.
        const sending = await db
          .selectFrom('mailOutbox')
          .select(db.fn.countAll<string>().as('n'))
          .where('state', '=', 'sending')
          .executeTakeFirstOrThrow();
        figures.mailWaitingForLease = Number(sending.n);
        const waitStarted = Date.now();
        await waitForNotifications(db, Number(committed.n), 'sent', 90_000);
        figures.allSentAfterS = ((Date.now() - waitStarted) / 1000).toFixed(1);
        const check = await checkDeliveries(stack, db);
        figures.delivered = check.received;
        expect(check.missing).toEqual([]);
        expect(check.duplicated).toEqual([]);
        expect(check.distinct).toBe(Number(committed.n));
        await waitFor('the outbox LISTEN connection to be back', async () => {
          const rows = await stack.database.admin(
            `select 1 from pg_stat_activity where datname = $1 and application_name = 'rolegate-outbox-listener'`,
            [stack.database.name],
          );
          return rows.length > 0 ? true : undefined;
        });
      } finally {
        await stack.stop();
      }
    },
  );
});

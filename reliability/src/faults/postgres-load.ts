/**
 * Load while Postgres misbehaves, and the checks both Postgres cases make afterwards: answers were
 * typed and bounded, the same server process recovers, nothing is half-written, and every
 * committed sign-up's notification goes out once.
 */
import { expect } from 'vitest';
import {
  applicantEmail,
  type Figures,
  outcomeOf,
  type Person,
  type ServerProcess,
  type Stack,
  signUpPower,
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

export const LANES = 10;
/** A request without an answer after this long is a hang. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface LoadResult {
  outcomes: string[];
  counts: Record<string, number>;
  /** The distinct error messages people saw. */
  messages: Set<string>;
}

/** LANES lanes of power sign-ups and admin reads until `stopAt`, beside `disrupt`. */
export async function loadDuring(
  stack: Stack,
  admin: Person,
  tag: string,
  stopAt: number,
  disrupt: () => Promise<void>,
): Promise<LoadResult> {
  const outcomes: string[] = [];
  const messages = new Set<string>();
  let signUps = 0;
  const lane = async (index: number) => {
    while (Date.now() < stopAt) {
      const call: Promise<unknown> =
        index % 3 === 2
          ? admin.trpc.admin.requests.query({ status: 'pending' })
          : signUpPower(
              stack.personOptions({ timeoutMs: REQUEST_TIMEOUT_MS }),
              applicantEmail(tag, signUps++),
            );
      const outcome = await outcomeOf(call);
      outcomes.push(outcome);
      if (outcome !== 'ok') {
        messages.add(
          await call.then(
            () => '',
            (e: unknown) => (e instanceof Error ? e.message : String(e)),
          ),
        );
      }
    }
  };
  await Promise.all([disrupt(), ...Array.from({ length: LANES }, (_, i) => lane(i))]);
  return { outcomes, counts: tally(outcomes), messages };
}

/** Every failure a typed, retryable 503 in plain words: no hang, no 500, no driver text. */
export function expectCleanFailures(load: LoadResult, figures: Figures): void {
  figures.requests = load.outcomes.length;
  figures.answers = formatCounts(load.counts);
  figures.errorMessages = [...load.messages].join(' / ');
  const unclean = Object.keys(load.counts).filter((k) => k !== 'ok' && k !== 'SERVICE_UNAVAILABLE');
  expect(unclean).toEqual([]);
  expect([...load.messages].filter((m) => /connection|terminat|queryable|ECONN/i.test(m))).toEqual(
    [],
  );
}

/** The same process serves again, nothing is half-written, every notification goes out once. */
export async function expectRecovered(
  stack: Stack,
  server: ServerProcess,
  pid: number | null,
  tag: string,
  figures: Figures,
): Promise<void> {
  const after = await waitFor(
    'a burst of sign-ups to succeed again',
    async () => {
      const burst = await powerBurst(() => stack.personOptions(), `${tag}-after`, 20);
      return burst.counts.ok === 20 ? burst : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  ).catch(() => powerBurst(() => stack.personOptions(), `${tag}-late`, 20));
  figures.afterwards = formatCounts(after.counts);
  expect(after.counts).toEqual({ ok: 20 });
  expect(server.pid).toBe(pid);
  expect(server.running).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  const db = await stack.database.db();
  expect(await usersWithoutRequest(db, `${tag}%@applicants.test`)).toEqual([]);
  const committed = Number(
    (
      await db
        .selectFrom('levelRequests')
        .select(db.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  figures.committedSignUps = committed;
  // Rows still 'sending' right after the outage: a live worker hands them back once the database
  // answers; only a claim whose reply was lost with its connection waits for the lease (60 s).
  const sending = await db
    .selectFrom('mailOutbox')
    .select(db.fn.countAll<string>().as('n'))
    .where('state', '=', 'sending')
    .executeTakeFirstOrThrow();
  figures.mailWaitingForLease = Number(sending.n);
  const started = Date.now();
  await waitForNotifications(db, committed, 'sent', 90_000);
  figures.allSentAfterS = ((Date.now() - started) / 1000).toFixed(1);
  const check = await checkDeliveries(stack, db);
  figures.delivered = check.received;
  expect(check.missing).toEqual([]);
  expect(check.duplicated).toEqual([]);
  expect(check.distinct).toBe(committed);
  await waitFor('the outbox LISTEN connection to be back', async () => {
    const rows = await stack.database.admin(
      `select 1 from pg_stat_activity where datname = $1 and application_name = 'rolegate-outbox-listener'`,
      [stack.database.name],
    );
    return rows.length > 0 ? true : undefined;
  });
}

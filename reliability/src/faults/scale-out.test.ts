import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { reliabilityCase, startStack, type WorkerProcess } from '../harness/index.js';
import { checkDeliveries, formatCounts, powerBurst, waitForNotifications } from './support.js';

const SIGN_UPS = 500;

/** How many messages a `rolegate worker` says it sent: the sum of its per-batch log lines. */
function sentBy(worker: WorkerProcess): number {
  let sent = 0;
  for (const line of worker.output().split('\n')) {
    if (!line.includes('"msg":"outbox batch sent"')) continue;
    const batch = JSON.parse(line) as { sent?: unknown };
    if (typeof batch.sent === 'number') sent += batch.sent;
  }
  return sent;
}

describe('several processes on one Postgres', () => {
  reliabilityCase(
    `two servers and two workers, ${SIGN_UPS} power sign-ups across both: ${SIGN_UPS} notifications`,
    150_000,
    async (figures) => {
      // Both servers keep their in-process worker too: four claimers race for every row.
      const stack = await startStack({ servers: 2, workers: 2 });
      try {
        const started = Date.now();
        const burst = await powerBurst(() => stack.personOptions(), 'scale', SIGN_UPS, {
          concurrency: 20,
        });
        figures.signUps = formatCounts(burst.counts);
        figures.signUpSeconds = ((Date.now() - started) / 1000).toFixed(1);
        expect(burst.counts).toEqual({ ok: SIGN_UPS });

        const db = await stack.database.db();
        await waitForNotifications(db, SIGN_UPS, 'sent', 90_000);
        figures.allSentAfterS = ((Date.now() - started) / 1000).toFixed(1);
        const check = await checkDeliveries(stack, db);
        figures.delivered = check.received;
        figures.duplicates = check.duplicated.length;
        figures.sentByWorkers = stack.workers.map(sentBy).join(' + ');
        figures.sentByServers = SIGN_UPS - stack.workers.map(sentBy).reduce((a, b) => a + b, 0);
        // Temporary failures the processes logged (a retry resends with the same Message-ID).
        const retries = [...stack.servers, ...stack.workers].flatMap((p) =>
          p
            .output()
            .split('\n')
            .filter((line) => line.includes('will retry')),
        );
        figures.retriesLogged = retries.length;
        if (check.duplicated.length > 0) {
          const rows = await db
            .selectFrom('mailOutbox')
            .select(['attempts', sql<string>`message->>'messageId'`.as('messageId')])
            .where(sql<string>`message->>'messageId'`, 'in', check.duplicated)
            .execute();
          figures.duplicatedAttempts = rows.map((row) => row.attempts).join(', ');
          figures.retryReasons = [
            ...new Set(retries.map((line) => /"reason":"([^"]*)"/.exec(line)?.[1] ?? line)),
          ].join(' / ');
        }
        expect(check).toEqual({
          distinct: SIGN_UPS,
          received: SIGN_UPS,
          duplicated: [],
          missing: [],
          unknown: [],
        });
      } finally {
        await stack.stop();
      }
    },
  );
});

/**
 * The worker when the database fails in the middle of a batch: what it sent is recorded, not sent
 * again, and what it claimed but did not send is handed back as soon as the database answers —
 * never left `sending` until the lease runs out. Leases here are 10 minutes, so a row that ends
 * `sent` with one attempt went through the hand-back, not through an expired claim.
 */
import { createDb, type Executor, type OutboxMessage } from '@rolegate/db';
import { createTestDb, type TestDb, testDialects } from '@rolegate/db/testing';
import type { MailSettings } from '@rolegate/mail';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  mailSettings,
  outboxRows,
  queueTestMessages,
  waitUntilSettled,
  workerPool,
} from '../testing/outbox.js';
import { signal } from '../testing/signal.js';

const LONG_LEASE_MS = 10 * 60_000;

/** Makes every query through `plugin` fail while down, before it reaches the database. */
function databaseOutage() {
  let down = false;
  let refused = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (!down) return args.node;
      refused += 1;
      throw new Error('Connection terminated unexpectedly (test outage)');
    },
    transformResult: async (args) => args.result,
  };
  return {
    plugin,
    setDown: (value: boolean) => {
      down = value;
      if (value) refused = 0;
    },
    /** Queries refused since the outage began. */
    refused: () => refused,
  };
}

describe.each(testDialects())('outbox worker after a database failure on %s', (dialect) => {
  let t: TestDb;
  let smtp: TestSmtpServer;
  let settings: MailSettings;
  const outage = databaseOutage();
  const workers = workerPool(() => ({
    db: t.db.withPlugin(outage.plugin),
    config: { databaseUrl: t.url, mail: settings },
  }));

  beforeAll(async () => {
    t = await createTestDb({ dialect });
  });
  afterAll(() => t.destroy());
  beforeEach(async () => {
    await t.db.deleteFrom('mailOutbox').execute();
    smtp = await startSmtpServer();
    settings = mailSettings(smtp.transport());
  });
  afterEach(async () => {
    outage.setDown(false);
    await workers.stopAll();
    await smtp.close();
  });

  const firstSendStarted = () =>
    vi.waitFor(() => expect(smtp.events.some((event) => event.type === 'mailFrom')).toBe(true), {
      timeout: 10_000,
      interval: 5,
    });

  /** Every row sent on its first attempt, each message received once by Message-ID. */
  const expectEachSentOnce = (rows: OutboxMessage[]) => {
    expect(rows.map((row) => [row.state, row.attempts, row.leaseExpiresAt])).toEqual(
      rows.map(() => ['sent', 1, null]),
    );
    const received = smtp.received.map((message) => message.parsed.messageId).sort();
    expect(received).toEqual(rows.map((row) => row.message.messageId).sort());
  };

  it('records the message it sent before the outage and hands the rest of the batch back', async () => {
    smtp.setFaults({ delayMs: 200 });
    await queueTestMessages(t.db, settings, 3);
    workers.start({ leaseMs: LONG_LEASE_MS });
    await firstSendStarted();
    outage.setDown(true);
    // Its `sent` update failed, and so did at least one try to settle afterwards.
    await vi.waitFor(() => expect(outage.refused()).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    smtp.setFaults({});
    expect(smtp.received).toHaveLength(1);
    expect((await outboxRows(t.db)).map((row) => [row.state, row.attempts])).toEqual(
      Array(3).fill(['sending', 1]),
    );
    outage.setDown(false);
    expectEachSentOnce(await waitUntilSettled(t.db));
  });

  it('hands back a message whose refusal it could not record, the attempt uncounted', async () => {
    smtp.setFaults({ delayMs: 200, data: { code: 451, times: 1 } });
    await queueTestMessages(t.db, settings, 2);
    workers.start({ leaseMs: LONG_LEASE_MS });
    await firstSendStarted();
    outage.setDown(true);
    await vi.waitFor(() => expect(outage.refused()).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    expect(smtp.events.filter((event) => event.code === 451)).toHaveLength(1);
    smtp.setFaults({});
    outage.setDown(false);
    expectEachSentOnce(await waitUntilSettled(t.db));
  });

  if (dialect === 'postgres') {
    it("hands the batch back at once when Postgres terminates the worker's connection", async () => {
      smtp.setFaults({ delayMs: 300 });
      await queueTestMessages(t.db, settings, 3);
      // The worker's own pool, as in its own process; the terminated connection is expected.
      const workerDb = await createDb(t.url, { poolSize: 2, onIdleConnectionError: () => {} });
      let lock: RowLock | undefined;
      try {
        workers.start({ db: workerDb, leaseMs: LONG_LEASE_MS });
        await firstSendStarted();
        // Hold the row on the wire, so the worker's `sent` update waits on it; then end that
        // connection the way an admin or a failover would.
        lock = await holdRowLock(t.db, 'message-0');
        const waitingPid = await vi.waitFor(
          async () => {
            const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
            expect(rows).toHaveLength(1);
            return rows[0]?.pid;
          },
          { timeout: 10_000, interval: 10 },
        );
        await sql`select pg_terminate_backend(${waitingPid}::int)`.execute(t.db);

        // On a new connection the worker hands the unsent rows back while the 10-minute lease
        // still runs; recording message-0 waits on the lock again.
        const handedBack = await vi.waitFor(
          async () => {
            const rows = await outboxRows(t.db);
            expect(rows.map((row) => [row.idempotencyKey, row.state, row.attempts])).toEqual([
              ['message-0', 'sending', 1],
              ['message-1', 'pending', 0],
              ['message-2', 'pending', 0],
            ]);
            return rows;
          },
          { timeout: 10_000, interval: 20 },
        );
        expect(handedBack.slice(1).map((row) => row.leaseExpiresAt)).toEqual([null, null]);
        expect(smtp.received).toHaveLength(1);

        smtp.setFaults({});
        await lock.release();
        expectEachSentOnce(await waitUntilSettled(t.db));
      } finally {
        await lock?.release();
        await workers.stopAll();
        await workerDb.destroy();
      }
    });
  }
});

interface RowLock {
  /** Ends the transaction holding the lock; safe to call twice. */
  release(): Promise<void>;
}

/** Locks one outbox row (FOR UPDATE) in an open transaction until release(). */
async function holdRowLock(db: Executor, idempotencyKey: string): Promise<RowLock> {
  const released = signal();
  const locked = signal();
  const transaction = db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('mailOutbox')
      .select('id')
      .where('idempotencyKey', '=', idempotencyKey)
      .forUpdate()
      .execute();
    locked.give();
    await released.done;
  });
  await Promise.race([locked.done, transaction]);
  return {
    release: async () => {
      released.give();
      await transaction;
    },
  };
}

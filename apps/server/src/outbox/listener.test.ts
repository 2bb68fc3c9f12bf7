import type { Executor } from '@rolegate/db';
import { createTestDb, type TestDb, testDialects } from '@rolegate/db/testing';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailSettings, queueTestMessages, workerPool } from '../testing/outbox.js';

// Postgres wakes the worker through a LISTEN connection of its own (re-made when it is lost);
// PGlite (one connection, in this process) through its own listener, which hears the NOTIFY as the
// queueing statement returns.
describe.each(testDialects())('the outbox worker woken by new mail on %s', (dialect) => {
  let t: TestDb;
  let db: Executor;
  let smtp: TestSmtpServer;
  const workers = workerPool(() => ({
    db,
    config: { databaseUrl: t.url, mail: mailSettings(smtp.transport()) },
  }));

  beforeAll(async () => {
    t = await createTestDb({ dialect });
    db = t.db;
    smtp = await startSmtpServer();
    // An hour between polls: only a notification can wake the worker within the test.
    workers.start({ pollIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await workers.stopAll();
    await smtp.close();
    await t.destroy();
  });

  it('wakes an idle worker when mail is committed', async () => {
    await queueTestMessages(db, mailSettings(smtp.transport()), 1, 'notified');
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 10_000 });
  });

  it('wakes it again for mail queued after the first delivery', async () => {
    await queueTestMessages(db, mailSettings(smtp.transport()), 2, 'later');
    await vi.waitFor(() => expect(smtp.received).toHaveLength(3), { timeout: 10_000 });
  });

  // Only Postgres has a LISTEN connection of its own to lose.
  if (dialect === 'postgres') {
    it('listens again after its connection is killed', async () => {
      await vi.waitFor(async () => expect(await listenerPids(db)).toHaveLength(1));
      const [before] = await listenerPids(db);
      await sql`select pg_terminate_backend(${before})`.execute(db);
      await vi.waitFor(
        async () => {
          const pids = await listenerPids(db);
          expect(pids).toHaveLength(1);
          expect(pids[0]).not.toBe(before);
        },
        { timeout: 10_000, interval: 50 },
      );
      await queueTestMessages(db, mailSettings(smtp.transport()), 1, 'after-reconnect');
      await vi.waitFor(() => expect(smtp.received).toHaveLength(4), { timeout: 10_000 });
    });
  }
});

async function listenerPids(db: Executor): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where application_name = 'rolegate-outbox-listener' and datname = current_database()
  `.execute(db);
  return rows.map((row) => row.pid);
}

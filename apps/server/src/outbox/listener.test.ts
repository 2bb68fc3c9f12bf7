import type { Executor } from '@rolegate/db';
import { createTestDb, type TestDb, testDialects } from '@rolegate/db/testing';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailSettings, queueTestMessages, workerPool } from '../testing/outbox.js';

// Postgres wakes the worker through a LISTEN connection of its own; PGlite (one connection, in this
// process) through its own listener, which hears the NOTIFY as the queueing statement returns.
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
});

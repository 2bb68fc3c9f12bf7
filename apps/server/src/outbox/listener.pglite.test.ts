import type { Executor } from '@rolegate/db';
import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailSettings, queueTestMessages, workerPool } from '../testing/outbox.js';

// PGlite has one connection, in this process: the worker hears the NOTIFY of the statement that
// queued the mail through PGlite's own listener, as a Postgres worker does through LISTEN.
describe('outbox worker on PGlite', () => {
  let t: TestDb;
  let db: Executor;
  let smtp: TestSmtpServer;
  const workers = workerPool(() => ({
    db,
    config: { databaseUrl: t.url, mail: mailSettings(smtp.transport()) },
  }));

  beforeAll(async () => {
    t = await createTestDb({ dialect: 'pglite' });
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

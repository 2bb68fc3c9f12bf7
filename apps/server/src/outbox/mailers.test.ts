import type { Executor } from '@rolegate/db';
import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { loadMailSettings, type MailSettings } from '@rolegate/mail';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxRows, testMessage, waitUntilSettled, workerPool } from '../testing/outbox.js';
import { retryFailedOutboxMessages } from './admin-queries.js';
import { queueMail } from './queue.js';

let t: TestDb;
let db: Executor;
let main: TestSmtpServer;
let bulk: TestSmtpServer;
let settings: MailSettings;
const workers = workerPool(() => ({ db, config: { databaseUrl: t.url, mail: settings } }));

const SMTP = 'django.core.mail.backends.smtp.EmailBackend';

/** The settings a server reads from MAILERS: `default` and, unless left out, `bulk`. */
function mailersSettings(names: readonly string[] = ['default', 'bulk']): MailSettings {
  const servers: Record<string, TestSmtpServer> = { default: main, bulk };
  const mailers = Object.fromEntries(
    names.map((name) => [
      name,
      { BACKEND: SMTP, OPTIONS: { host: servers[name]?.host, port: servers[name]?.port } },
    ]),
  );
  return loadMailSettings({
    MAILERS: JSON.stringify(mailers),
    DEFAULT_FROM_EMAIL: 'Rolegate <rolegate@example.com>',
  });
}

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  [main, bulk] = await Promise.all([startSmtpServer(), startSmtpServer()]);
});
afterAll(async () => {
  await t.destroy();
  await Promise.all([main.close(), bulk.close()]);
});
afterEach(async () => {
  await workers.stopAll();
  await db.deleteFrom('mailOutbox').execute();
});

describe('queued mail keeps its mailer', () => {
  it('each message goes out through the mailer it was queued with: two servers, each its own', async () => {
    settings = mailersSettings();
    await queueMail(db, { idempotencyKey: 'welcome', message: testMessage(settings, 'welcome') });
    await queueMail(db, {
      idempotencyKey: 'digest',
      message: testMessage(settings, 'digest'),
      mailer: 'bulk',
    });
    workers.start();
    const rows = await waitUntilSettled(db);
    expect(rows.map((row) => [row.idempotencyKey, row.mailer, row.state])).toEqual([
      ['digest', 'bulk', 'sent'],
      ['welcome', 'default', 'sent'],
    ]);
    expect(main.received.map((message) => message.parsed.subject)).toContain('welcome');
    expect(main.received.map((message) => message.parsed.subject)).not.toContain('digest');
    expect(bulk.received.map((message) => message.parsed.subject)).toEqual(['digest']);
  });

  it('a message naming a mailer that is no longer configured is kept with a clear error, and goes out once it is back', async () => {
    settings = mailersSettings(['default']);
    const received = bulk.received.length;
    await queueMail(db, {
      idempotencyKey: 'orphan',
      message: testMessage(settings, 'orphan'),
      mailer: 'bulk',
    });
    workers.start({ retryPolicy: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } });
    const [given] = await waitUntilSettled(db);
    expect(given).toMatchObject({ state: 'failed', attempts: 3, mailer: 'bulk' });
    expect(given?.lastError).toContain(
      "names the mailer 'bulk', which is not configured (the mailers are 'default'): add 'bulk' to MAILERS",
    );
    await workers.stopAll();

    // The settings get the mailer back (a restart); the admin's "Retry all failed" sends it.
    settings = mailersSettings();
    expect(await retryFailedOutboxMessages(db)).toBe(1);
    workers.start();
    await vi.waitFor(async () =>
      expect((await outboxRows(db)).map((row) => row.state)).toEqual(['sent']),
    );
    expect(bulk.received.slice(received).map((message) => message.parsed.subject)).toEqual([
      'orphan',
    ]);
  });
});

import type { Executor } from '@rolegate/db';
import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';

/** A migrated test database and a real SMTP server, for the notification and job tests. */
export interface DatabaseAndSmtp {
  t: TestDb;
  db: Executor;
  smtp: TestSmtpServer;
}

export async function startDatabaseAndSmtp(): Promise<DatabaseAndSmtp> {
  const t = await createTestDb();
  return { t, db: t.db, smtp: await startSmtpServer() };
}

export async function stopDatabaseAndSmtp({ t, smtp }: DatabaseAndSmtp): Promise<void> {
  await smtp.close();
  await t.destroy();
}

/** A fresh start for each test: no queued mail, no people (their requests go with them), no mail received. */
export async function emptyMailAndPeople({ db, smtp }: DatabaseAndSmtp): Promise<void> {
  await db.deleteFrom('mailOutbox').execute();
  await db.deleteFrom('users').execute();
  smtp.received.length = 0;
}

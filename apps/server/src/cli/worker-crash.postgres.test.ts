/**
 * A killed process is the one crash no test double imitates. On Postgres, as in production (the
 * PGlite directory belongs to one process): vitest.config.ts runs *.postgres.test.ts only then.
 */
import { spawn } from 'node:child_process';
import { createTestDb } from '@rolegate/db/testing';
import { startSmtpServer } from '@rolegate/mail/testing';
import { beforeAll, expect, it, vi } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';
import {
  mailSettings,
  outboxRows,
  queueTestMessages,
  waitUntilSettled,
  workerPool,
} from '../testing/outbox.js';

let cli: string;
beforeAll(async () => {
  cli = await ensureCliBuilt();
}, 120_000);

it('rolegate worker killed between two messages: what it sent stays sent, the rest goes out once', async () => {
  const crashSmtp = await startSmtpServer();
  const testDb = await createTestDb({ dialect: 'postgres' });
  const settings = mailSettings(crashSmtp.transport());
  const workers = workerPool(() => ({
    db: testDb.db,
    config: { databaseUrl: testDb.url, mail: settings },
  }));
  try {
    await queueTestMessages(testDb.db, settings, 4, 'crash');
    // Each MAIL FROM waits, so the worker sits between messages with nothing of the next sent.
    crashSmtp.setFaults({ mailFromDelayMs: 500 });
    const child = spawn(process.execPath, [cli, 'worker'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: testDb.url,
        EMAIL_URL: `smtp://127.0.0.1:${crashSmtp.port}`,
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    await vi.waitFor(
      () => {
        expect(crashSmtp.received).toHaveLength(2);
        expect(crashSmtp.events.filter((event) => event.type === 'mailFrom')).toHaveLength(3);
      },
      { timeout: 20_000, interval: 5 },
    );
    child.kill('SIGKILL');
    await exited;

    // Both messages it sent were recorded before it began the third.
    const atCrash = await outboxRows(testDb.db);
    expect(atCrash.map((row) => row.state).sort()).toEqual(['sending', 'sending', 'sent', 'sent']);
    // As if its 60 s lease had run out: the rows it held are due for another worker.
    await testDb.db
      .updateTable('mailOutbox')
      .set({ leaseExpiresAt: new Date(Date.now() - 1_000) })
      .where('state', '=', 'sending')
      .execute();
    crashSmtp.setFaults({});
    workers.start();
    const rows = await waitUntilSettled(testDb.db);
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const ids = crashSmtp.received.map((message) => message.parsed.messageId);
    expect(ids.sort()).toEqual(rows.map((row) => row.message.messageId).sort());
  } finally {
    await workers.stopAll();
    await testDb.destroy();
    await crashSmtp.close();
  }
}, 60_000);

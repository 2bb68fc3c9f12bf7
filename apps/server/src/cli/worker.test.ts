import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, migrateToLatest } from '@rolegate/db';
import { createTestDb, testServerUrl } from '@rolegate/db/testing';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ensureCliBuilt } from '../test-support/built-cli.js';
import {
  mailSettings,
  outboxRows,
  queueTestMessages,
  waitUntilSettled,
  workerPool,
} from '../test-support/outbox.js';

let cli: string;
let smtp: TestSmtpServer;
let databaseUrl: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  cli = await ensureCliBuilt();
  smtp = await startSmtpServer();
  if (testServerUrl() !== undefined) {
    const testDb = await createTestDb({ dialect: 'postgres' });
    await testDb.db.destroy();
    databaseUrl = testDb.url;
    cleanup = async () => {};
  } else {
    // PGlite belongs to one process: the test writes its directory before the worker opens it.
    const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-worker-'));
    databaseUrl = `pglite:${dir}`;
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(async () => {
  await smtp.close();
  await cleanup();
});

it('rolegate worker delivers queued mail and exits 0 on SIGTERM', async () => {
  const settings = mailSettings(smtp.transport());
  const db = await createDb(databaseUrl);
  try {
    await migrateToLatest(db);
    await queueTestMessages(db, settings, 3, 'cli');
  } finally {
    await db.destroy();
  }

  const child = spawn(process.execPath, [cli, 'worker'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      EMAIL_URL: `smtp://127.0.0.1:${smtp.port}`,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  await smtp.waitForMessages(3, 30_000);
  child.kill('SIGTERM');
  expect(await exited, stderr).toBe(0);

  const after = await createDb(databaseUrl);
  try {
    const rows = await outboxRows(after);
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent', 'sent']);
  } finally {
    await after.destroy();
  }
  expect(smtp.received.map((message) => message.parsed.subject).sort()).toEqual([
    'cli 0',
    'cli 1',
    'cli 2',
  ]);
});

// A killed process is the one crash no test double imitates; on Postgres, as in production.
it.runIf(testServerUrl() !== undefined)(
  'rolegate worker killed between two messages: what it sent stays sent, the rest goes out once',
  async () => {
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
      expect(atCrash.map((row) => row.state).sort()).toEqual([
        'sending',
        'sending',
        'sent',
        'sent',
      ]);
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
  },
  60_000,
);

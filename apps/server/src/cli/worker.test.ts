import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, migrateToLatest } from '@rolegate/db';
import { createTestDb, testServerUrl } from '@rolegate/db/testing';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';
import { mailSettings, outboxRows, queueTestMessages } from '../testing/outbox.js';

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

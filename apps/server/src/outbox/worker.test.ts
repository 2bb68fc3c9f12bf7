import { createDb, type Executor } from '@rolegate/db';
import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { EmailMessage, type MailSettings } from '@rolegate/mail';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  mailSettings,
  outboxRows,
  queueTestMessages,
  testMessage,
  waitUntilSettled,
  workerPool,
} from '../testing/outbox.js';
import { queueMail } from './queue.js';

let t: TestDb;
let db: Executor;
let smtp: TestSmtpServer;
let settings: MailSettings;
const servers: TestSmtpServer[] = [];

const workers = workerPool(() => ({ db, config: { databaseUrl: t.url, mail: settings } }));

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.destroy());

beforeEach(async () => {
  await db.deleteFrom('mailOutbox').execute();
  smtp = await startSmtpServer();
  servers.push(smtp);
  settings = mailSettings(smtp.transport());
});
afterEach(async () => {
  await workers.stopAll();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('queueMail', () => {
  it('queues one row per idempotency key, however often it is called', async () => {
    const message = () => ({ idempotencyKey: 'same-key', message: testMessageFor('Once') });
    expect(await queueMail(db, message())).toBe(true);
    expect(await queueMail(db, message())).toBe(false);
    const rows = await outboxRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'pending', attempts: 0, idempotencyKey: 'same-key' });
    expect(rows[0]?.message).toMatchObject({
      subject: 'Once',
      to: ['Ada Lovelace <ada@example.com>'],
    });
  });

  it('queues nothing when the surrounding transaction rolls back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await queueMail(trx, { idempotencyKey: 'rolled-back', message: testMessageFor('Never') });
        throw new Error('the change that caused the mail failed');
      }),
    ).rejects.toThrow('caused the mail failed');
    expect(await outboxRows(db)).toEqual([]);
  });
});

describe('outbox worker', () => {
  it('delivers queued mail through one connection per batch and marks it sent', async () => {
    await queueTestMessages(db, settings, 5);
    workers.start();
    const rows = await waitUntilSettled(db);
    expect(rows.map((row) => [row.state, row.attempts, row.lastError])).toEqual(
      Array(5).fill(['sent', 1, null]),
    );
    expect(rows.every((row) => row.sentAt instanceof Date && row.leaseExpiresAt === null)).toBe(
      true,
    );
    expect(smtp.received.map((m) => m.parsed.subject).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `message ${i}`),
    );
    expect(smtp.connections).toBe(1);
  });

  it('keeps its SMTP session while mail trickles in, and closes it once none came for a poll interval', async () => {
    const worker = workers.start({ pollIntervalMs: 400 });
    for (const i of [0, 1, 2]) {
      await queueTestMessages(db, settings, 1, `trickle ${i}`);
      worker.wake();
      await smtp.waitForMessages(i + 1, 10_000);
    }
    expect(smtp.connections).toBe(1);
    // Nothing more comes: the session is closed, and the next message opens a new one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await queueTestMessages(db, settings, 1, 'after a pause');
    worker.wake();
    await smtp.waitForMessages(4, 10_000);
    expect(smtp.connections).toBe(2);
    const rows = await waitUntilSettled(db);
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it.each([
    ['421 after the data', { data: { code: 421, times: 1 } }],
    ['450 to the recipient', { rcptTo: { code: 450, times: 1 } }],
  ])('retries a temporary refusal (%s) and delivers once, on attempt 2', async (_name, faults) => {
    smtp.setFaults(faults);
    await queueTestMessages(db, settings, 1);
    workers.start();
    const [row] = await waitUntilSettled(db);
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('records each outcome of a batch in which some messages go, one waits and some fail', async () => {
    // Every third message to an address the server refuses; the first message data refused once.
    smtp.setFaults({
      rcptTo: { code: 550, addresses: ['gone@example.com'] },
      data: { code: 451, times: 1 },
    });
    for (let i = 0; i < 9; i++) {
      await queueMail(db, {
        idempotencyKey: `mixed-${i}`,
        message: new EmailMessage({
          subject: `mixed ${i}`,
          body: 'One of a mixed batch.',
          to: [i % 3 === 0 ? 'gone@example.com' : 'ada@example.com'],
          settings,
        }),
      });
    }
    workers.start({ batchSize: 9 });
    const rows = await waitUntilSettled(db);
    const failed = rows.filter((row) => row.idempotencyKey.match(/-[036]$/));
    const sent = rows.filter((row) => !failed.includes(row));
    expect(failed.map((row) => [row.state, row.attempts, row.sentAt])).toEqual(
      Array(3).fill(['failed', 1, null]),
    );
    for (const row of failed) expect(row.lastError).toContain('550');
    expect(sent.map((row) => [row.state, row.lastError, row.leaseExpiresAt])).toEqual(
      Array(6).fill(['sent', null, null]),
    );
    // The 451 went to one message (a refused recipient never reaches DATA): sent on attempt 2.
    expect(sent.map((row) => row.attempts).sort()).toEqual([1, 1, 1, 1, 1, 2]);
    expect(smtp.received.map((m) => m.parsed.subject).sort()).toEqual(
      sent.map((row) => row.message.subject).sort(),
    );
  });

  it('fails a permanent refusal (5xx) at once, keeping the server reply', async () => {
    smtp.setFaults({ rcptTo: { code: 550, message: '5.1.1 <ada@example.com>: no such user' } });
    await queueTestMessages(db, settings, 1);
    workers.start();
    const [row] = await waitUntilSettled(db);
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('550 5.1.1 <ada@example.com>: no such user');
    expect(smtp.received).toEqual([]);
  });

  it('gives up after the configured number of attempts of temporary errors', async () => {
    smtp.setFaults({ mailFrom: { code: 451 } });
    await queueTestMessages(db, settings, 1);
    workers.start({ retryPolicy: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } });
    const [row] = await waitUntilSettled(db);
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row?.lastError).toMatch(/^Gave up after 3 attempts\. Last error: SMTP 451/);
  });

  it('fails a stored message that cannot be read, with the reason', async () => {
    await db
      .insertInto('mailOutbox')
      .values({ idempotencyKey: 'broken', message: JSON.stringify({ subject: 'no body' }) })
      .execute();
    workers.start();
    const [row] = await waitUntilSettled(db);
    expect(row?.state).toBe('failed');
    expect(row?.lastError).toMatch(/^The stored message cannot be sent: Not a stored EmailMessage/);
  });

  it('delivers a message whose claim expired because its worker died', async () => {
    await queueTestMessages(db, settings, 1);
    // A "dead" worker: claimed it (attempt 1), leased it, never finished.
    await db
      .updateTable('mailOutbox')
      .set({ state: 'sending', attempts: 1, leaseExpiresAt: new Date(Date.now() - 1_000) })
      .execute();
    workers.start();
    const [row] = await waitUntilSettled(db);
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('leaves a message alone while another worker holds its lease', async () => {
    await queueTestMessages(db, settings, 1);
    await db
      .updateTable('mailOutbox')
      .set({ state: 'sending', attempts: 1, leaseExpiresAt: new Date(Date.now() + 60_000) })
      .execute();
    workers.start();
    await queueTestMessages(db, settings, 1, 'later');
    // The SMTP server has the message a moment before the worker records it as sent.
    await vi.waitFor(
      async () => {
        const rows = await outboxRows(db);
        expect(rows.map((row) => [row.idempotencyKey, row.state])).toEqual([
          ['later-0', 'sent'],
          ['message-0', 'sending'],
        ]);
      },
      { timeout: 10_000 },
    );
    expect(smtp.received).toHaveLength(1);
  });

  it('hands back the rest of a batch it could not send within its lease, uncounted', async () => {
    await queueTestMessages(db, settings, 3);
    workers.start({ leaseMs: 1 });
    const rows = await waitUntilSettled(db);
    expect(rows.map((row) => [row.state, row.attempts])).toEqual(Array(3).fill(['sent', 1]));
    expect(smtp.received).toHaveLength(3);
  });

  it('fails over to the next transport when the main one is down', async () => {
    const down = await startSmtpServer();
    const downTransport = down.transport();
    await down.close();
    const backup = await startSmtpServer();
    servers.push(backup);
    settings = mailSettings(downTransport, [backup.transport()]);
    await queueTestMessages(db, settings, 2);
    workers.start();
    const rows = await waitUntilSettled(db);
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent']);
    expect(backup.received).toHaveLength(2);
  });

  it('never sends one message twice with two workers on 100 messages', async () => {
    await queueTestMessages(db, settings, 100);
    // On Postgres the second worker has its own pool, as a second process would.
    const otherDb = t.dialect === 'postgres' ? await createDb(t.url) : db;
    try {
      workers.start({ batchSize: 7 });
      workers.start({ batchSize: 7, db: otherDb });
      const rows = await waitUntilSettled(db, 30_000);
      expect(rows.every((row) => row.state === 'sent' && row.attempts === 1)).toBe(true);
      const ids = smtp.received.map((message) => message.parsed.messageId);
      expect(ids).toHaveLength(100);
      expect(new Set(ids).size).toBe(100);
      await workers.stopAll();
    } finally {
      if (otherDb !== db) await otherDb.destroy();
    }
  });

  it('stop() finishes the message on the wire and hands the rest back', async () => {
    smtp.setFaults({ delayMs: 300 });
    await queueTestMessages(db, settings, 3);
    const worker = workers.start();
    await vi.waitFor(() => expect(smtp.events.some((e) => e.type === 'mailFrom')).toBe(true), {
      timeout: 10_000,
      interval: 5,
    });
    await worker.stop();
    expect(smtp.received).toHaveLength(1);
    const rows = await outboxRows(db);
    expect(rows.map((row) => [row.state, row.attempts])).toEqual([
      ['sent', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
  });
});

function testMessageFor(subject: string) {
  return testMessage(settings, subject);
}

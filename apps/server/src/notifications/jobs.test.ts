import type { LevelRequestMailChoice, RequestStatus } from '@rolegate/core';
import type { Executor, User } from '@rolegate/db';
import type { TestDb } from '@rolegate/db/testing';
import type { TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../env.js';
import {
  emptyMailAndPeople,
  startDatabaseAndSmtp,
  stopDatabaseAndSmtp,
} from '../testing/database-and-smtp.js';
import { decisionLinkIn } from '../testing/decision-links.js';
import { mailSettings, waitUntilSettled, workerPool } from '../testing/outbox.js';
import { insertPendingRequests, insertPeople } from '../testing/seeded-rows.js';
import { testConfig } from '../testing/test-context.js';
import { runRequestJobs } from './jobs.js';

const HOUR_MS = 60 * 60 * 1000;
const T0 = new Date('2026-12-01T09:30:00Z');
const after = (hours: number) => new Date(T0.getTime() + hours * HOUR_MS);

let t: TestDb;
let db: Executor;
let smtp: TestSmtpServer;
let config: AppConfig;
const workers = workerPool(() => ({ db, config: { databaseUrl: t.url, mail: config.mail } }));
let admins: Record<LevelRequestMailChoice, User>;

beforeAll(async () => ({ t, db, smtp } = await startDatabaseAndSmtp()));
afterAll(() => stopDatabaseAndSmtp({ t, db, smtp }));
beforeEach(async () => {
  await emptyMailAndPeople({ t, db, smtp });
  config = testConfig({ mail: mailSettings(smtp.transport()) });
  admins = {
    each: await addUser('Each Admin', 'each@example.com', 'each'),
    daily: await addUser('Daily Admin', 'daily@example.com', 'daily'),
    off: await addUser('Off Admin', 'off@example.com', 'off'),
  };
});
afterEach(() => workers.stopAll());

async function addUser(name: string, email: string, adminMail?: LevelRequestMailChoice) {
  return db
    .insertInto('users')
    .values({
      name,
      email,
      passwordHash: 'not-a-hash',
      role: 'editor',
      isAdmin: adminMail !== undefined,
      levelRequestMail: adminMail ?? 'each',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** `name`'s request for power, made at `createdAt`; `status` for one decided since. */
async function addRequest(name: string, createdAt: Date, status: RequestStatus = 'pending') {
  const user = await addUser(name, `${name.toLowerCase()}@example.com`);
  return db
    .insertInto('levelRequests')
    .values({
      userId: user.id,
      requestedRole: 'power',
      reason: `${name} needs it`,
      createdAt,
      status,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Runs the jobs at each moment, then delivers what they queued to the SMTP server. */
async function runAt(...moments: Date[]) {
  const queued = [];
  for (const now of moments) queued.push(await runRequestJobs(db, config, now));
  workers.start();
  await waitUntilSettled(db);
  return queued;
}

const received = () =>
  smtp.received.map((mail) => ({
    to: mail.envelope.rcptTo.join(),
    subject: mail.parsed.subject ?? '',
    text: mail.parsed.text ?? '',
  }));
/** The reminders among the mail (the daily admin's digests go out on the same days). */
const reminders = () => received().filter((mail) => mail.subject.includes('Still waiting'));

describe('reminders of a request nobody decided', () => {
  it('mail the admins who get each request after 24, 48 and 72 hours, and never a fourth time', async () => {
    await addRequest('Ada', T0);
    const queued = await runAt(
      after(23.9),
      after(24),
      after(24.1),
      after(48),
      after(72),
      after(200),
    );
    expect(queued.map((run) => run.reminders)).toEqual([0, 1, 0, 1, 1, 0]);

    const mails = reminders();
    expect(mails.map((mail) => mail.to)).toEqual([
      'each@example.com',
      'each@example.com',
      'each@example.com',
    ]);
    expect(mails.map((mail) => mail.text.match(/reminder (\d) of 3/)?.[1])).toEqual([
      '1',
      '2',
      '3',
    ]);
    for (const mail of mails) {
      expect(mail.subject).toBe('[Rolegate] Still waiting: Ada asks for power access');
      expect(decisionLinkIn(mail.text)).not.toBeNull();
    }
    // Each reminder carries a fresh link of the admin's own.
    expect(new Set(mails.map((mail) => decisionLinkIn(mail.text)?.token)).size).toBe(3);
  });

  it('skip a request that was decided, and send the one due after a long stop only once', async () => {
    await addRequest('Bea', T0, 'denied');
    await addRequest('Cleo', T0);
    const queued = await runAt(after(60), after(61));
    expect(queued.map((run) => run.reminders)).toEqual([1, 0]);
    expect(reminders().map((mail) => mail.text.match(/reminder (\d) of 3/)?.[1])).toEqual(['2']);
    expect(reminders()[0]?.subject).toContain('Cleo');
  });

  it('reach a request that is due even behind a hundred older ones that are not', async () => {
    const people = await insertPeople(
      db,
      Array.from({ length: 100 }, (_, i) => ({
        name: `Early ${i}`,
        email: `early${i}@example.com`,
        role: 'editor' as const,
      })),
      T0,
    );
    const early = await insertPendingRequests(
      db,
      people.map((person) => person.id),
      T0,
    );
    // Their first reminder went out; the second is due only at 48 hours.
    await db
      .insertInto('levelRequestReminders')
      .values(early.map((requestId) => ({ requestId, number: 1 })))
      .execute();
    await addRequest('Late', after(1));
    expect((await runRequestJobs(db, config, after(25))).reminders).toBe(1);
    const keys = await db.selectFrom('mailOutbox').select('idempotencyKey').execute();
    expect(keys.filter((row) => row.idempotencyKey.includes(':reminder-'))).toHaveLength(1);
  });

  it('are off with REQUEST_REMINDER_HOURS=0', async () => {
    config = { ...config, requestReminderHours: 0 };
    await addRequest('Dora', T0);
    expect((await runAt(after(100))).map((run) => run.reminders)).toEqual([0]);
    expect(reminders()).toEqual([]);
  });
});

describe('the daily digest', () => {
  it('goes once a day at DIGEST_HOUR_UTC to the admins who chose it, listing what waits', async () => {
    await addRequest('Ada', T0);
    await addRequest('Bea', after(1));
    const dayTwo = (hour: number) => new Date(`2026-12-02T${String(hour).padStart(2, '0')}:00:00Z`);
    const queued = await runAt(new Date('2026-12-02T07:59:00Z'), dayTwo(8), dayTwo(9), dayTwo(23));
    expect(queued.map((run) => run.digests)).toEqual([0, 1, 0, 0]);

    const digest = received().find((mail) => mail.to === 'daily@example.com');
    expect(digest?.subject).toBe('[Rolegate] 2 level requests wait for a decision');
    expect(digest?.text).toMatch(/Ada \(ada@example\.com\) asks for Power[\s\S]*Bea/);
    expect(digest?.text.match(/\/decide\//g)).toHaveLength(4);
    // The digest's links are the daily admin's own; the others get no digest.
    const links = await db.selectFrom('decisionLinks').select('adminId').distinct().execute();
    expect(links.map((link) => link.adminId)).toContain(admins.daily.id);
    expect(received().filter((mail) => mail.subject.includes('wait for a decision'))).toHaveLength(
      1,
    );
  });

  it('is not sent on a day when nothing waits', async () => {
    await addRequest('Cleo', T0, 'approved');
    const queued = await runAt(new Date('2026-12-02T08:00:00Z'));
    expect(queued).toEqual([{ reminders: 0, digests: 0, levels: { warned: 0, ended: 0 } }]);
    expect(smtp.received).toEqual([]);
  });
});

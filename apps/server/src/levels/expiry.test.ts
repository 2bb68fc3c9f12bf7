import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runRequestJobs } from '../notifications/jobs.js';
import { createTestContext, type TestContext } from '../testing/index.js';
import { auditOf, type Person, pendingRequestIdOf } from '../testing/levels.js';
import { mailSettings, waitUntilSettled, workerPool } from '../testing/outbox.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-12-04T10:00:00Z');
const after = (days: number) => new Date(T0.getTime() + days * DAY_MS);
let clock = T0;

let smtp: TestSmtpServer;
let t: TestContext;
let admin: Person;
const workers = workerPool(() => t);

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({
    now: () => clock,
    configOverrides: { mail: mailSettings(smtp.transport()) },
  });
  admin = await t.signUpAdmin({ name: 'Root' });
});
afterAll(async () => {
  await t.destroy();
  await smtp.close();
});
afterEach(() => workers.stopAll());

const jobsAt = (now: Date) => runRequestJobs(t.db, t.config, now);

/** Delivers what is queued to the SMTP server (two workers), then the subjects each address got. */
async function deliveredTo(email: string) {
  workers.start();
  workers.start();
  await waitUntilSettled(t.db);
  return smtp.received
    .filter((mail) => mail.envelope.rcptTo.includes(email))
    .map((mail) => ({ subject: mail.parsed.subject ?? '', text: mail.parsed.text ?? '' }));
}

const levelOf = async (id: string) =>
  t.db
    .selectFrom('users')
    .select(['role', 'levelExpiresAt', 'levelBeforeGrant'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('the end of a time-limited level', () => {
  it('mails three days before and at the end, returns the level before, and audits it as the system', async () => {
    clock = T0;
    const person = await t.signUp({ role: 'editor', name: 'Eve', email: 'eve@example.com' });
    await admin.caller.admin.setLevel({
      userId: person.user.id,
      role: 'power',
      expiresAt: after(10).toISOString(),
      reason: 'Release week.',
    });

    expect((await jobsAt(after(6.9))).levels).toEqual({ warned: 0, ended: 0 });
    expect((await jobsAt(after(7.01))).levels).toEqual({ warned: 1, ended: 0 });
    expect((await jobsAt(after(8))).levels).toEqual({ warned: 0, ended: 0 });
    expect((await levelOf(person.user.id)).role).toBe('power');
    expect((await jobsAt(after(10))).levels).toEqual({ warned: 0, ended: 1 });
    expect((await jobsAt(after(10.1))).levels).toEqual({ warned: 0, ended: 0 });

    expect(await levelOf(person.user.id)).toEqual({
      role: 'editor',
      levelExpiresAt: null,
      levelBeforeGrant: null,
    });
    clock = after(10.1);
    expect((await person.caller.auth.me()).user).toMatchObject({
      role: 'editor',
      levelExpiresAt: null,
    });

    const mails = await deliveredTo('eve@example.com');
    expect(mails.map((mail) => mail.subject)).toEqual([
      '[Rolegate] You now have power access',
      `[Rolegate] Your power access ends on Monday, 14 December 2026 at 10:00:00 UTC`,
      '[Rolegate] Your power access has ended',
    ]);
    expect(mails[0]?.text).toContain('Release week.');
    expect(mails[0]?.text).toContain('then you return to editor access');
    expect(mails[2]?.text).toContain('You now have editor access');

    const expired = (await auditOf(t.db, person.user.id)).filter(
      (row) => row.action === 'user.level_expired',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      actorId: null,
      details: { roleBefore: 'power', roleAfter: 'editor', expiresAt: after(10).toISOString() },
    });
  });

  it('an approval for 30 days returns the person to the level they worked at while waiting', async () => {
    clock = T0;
    const person = await t.signUp({ role: 'power', name: 'Pat', email: 'pat@example.com' });
    await admin.caller.admin.approve({
      requestId: await pendingRequestIdOf(t.db, person.user.id),
      expiresAt: after(30).toISOString(),
    });
    await jobsAt(after(31));
    expect((await levelOf(person.user.id)).role).toBe('editor');
  });

  it('a change an admin made meanwhile wins: a permanent level is never ended', async () => {
    clock = T0;
    const person = await t.signUp({ role: 'reader', name: 'Kim' });
    await admin.caller.admin.setLevel({
      userId: person.user.id,
      role: 'power',
      expiresAt: after(2).toISOString(),
    });
    await admin.caller.admin.setLevel({ userId: person.user.id, role: 'power' });
    await jobsAt(after(3));
    expect((await levelOf(person.user.id)).role).toBe('power');
  });

  it('several workers running the job at the same moment warn and end each grant once', async () => {
    clock = T0;
    const people = [];
    for (let i = 0; i < 5; i++) {
      const person = await t.signUp({ role: 'contributor', email: `many${i}@example.com` });
      await admin.caller.admin.setLevel({
        userId: person.user.id,
        role: 'editor',
        expiresAt: after(20).toISOString(),
      });
      people.push(person);
    }
    const warnRuns = await Promise.all([1, 2, 3, 4].map(() => jobsAt(after(18))));
    expect(warnRuns.reduce((sum, run) => sum + run.levels.warned, 0)).toBe(5);
    const endRuns = await Promise.all([1, 2, 3, 4].map(() => jobsAt(after(20))));
    expect(endRuns.reduce((sum, run) => sum + run.levels.ended, 0)).toBe(5);

    await deliveredTo('nobody@example.com');
    for (const [i, person] of people.entries()) {
      const subjects = smtp.received
        .filter((mail) => mail.envelope.rcptTo.includes(`many${i}@example.com`))
        .map((mail) => mail.parsed.subject ?? '');
      expect(subjects.filter((subject) => subject.includes('ends on'))).toHaveLength(1);
      expect(subjects.filter((subject) => subject.includes('has ended'))).toHaveLength(1);
      const audits = (await auditOf(t.db, person.user.id)).filter(
        (row) => row.action === 'user.level_expired',
      );
      expect(audits).toHaveLength(1);
    }
  });
});

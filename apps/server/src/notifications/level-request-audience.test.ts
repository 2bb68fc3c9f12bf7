import { EmailMessage } from '@rolegate/mail';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../errors.js';
import { decisionLinkIn } from '../testing/decision-links.js';
import { callerError, createTestContext, type TestContext, testConfig } from '../testing/index.js';
import { type Person, pendingRequestIdOf } from '../testing/levels.js';
import { userRow } from '../testing/rows.js';
import { levelRequestsReachNobody } from './level-request-audience.js';

const logLines: string[] = [];
let t: TestContext;
let each: Person;
let daily: Person;
let off: Person;

beforeAll(async () => {
  t = await createTestContext({
    logger: pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) }),
  });
  each = await t.signUpAdmin({ name: 'Each Admin' });
  daily = await t.signUpAdmin({ name: 'Daily Admin' });
  off = await t.signUpAdmin({ name: 'Off Admin' });
  await daily.caller.account.setNotificationSettings({ levelRequests: 'daily' });
  await off.caller.account.setNotificationSettings({ levelRequests: 'off' });
});
afterAll(() => t.destroy());
beforeEach(() => {
  logLines.length = 0;
});

/** Who got a mail about the request, by address, and whether it carried a decision link. */
async function requestMails(requestId: string) {
  const rows = await t.db
    .selectFrom('mailOutbox')
    .select('message')
    .where('idempotencyKey', 'like', `level-request:${requestId}:admins%`)
    .execute();
  return rows
    .map((row) => EmailMessage.fromJSON(row.message))
    .map((mail) => ({ to: mail.to.join(), withLink: decisionLinkIn(mail.body) !== null }))
    .sort((a, b) => a.to.localeCompare(b.to));
}

describe('account.notificationSettings', () => {
  it('is `each` for an admin who never chose, and what they chose after', async () => {
    expect(await each.caller.account.notificationSettings()).toEqual({ levelRequests: 'each' });
    expect(await daily.caller.account.notificationSettings()).toEqual({ levelRequests: 'daily' });
    expect((await userRow(t.db, off.user.id)).levelRequestMail).toBe('off');
  });

  it('is for admins only', async () => {
    const { caller } = await t.signUp({ role: 'editor' });
    expect((await callerError(caller.account.notificationSettings())).code).toBe('FORBIDDEN');
    const error = await callerError(
      caller.account.setNotificationSettings({ levelRequests: 'off' }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });

  it('refuses a choice that is not each, daily or off, naming levelRequests', async () => {
    const error = await callerError(
      // @ts-expect-error: checked at runtime too
      each.caller.account.setNotificationSettings({ levelRequests: 'weekly' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(error.cause)).toEqual({
      levelRequests: ['Choose one of: each, daily, off.'],
    });
    expect(await each.caller.account.notificationSettings()).toEqual({ levelRequests: 'each' });
  });
});

describe('who hears of a request', () => {
  it('mails only the admins who chose each request, each with links of their own', async () => {
    const { user } = await t.signUp({ role: 'power' });
    const requestId = await pendingRequestIdOf(t.db, user.id);
    expect(await requestMails(requestId)).toEqual([
      { to: expect.stringContaining(each.user.email), withLink: true },
    ]);
  });

  it('gives an admin no link to decide their own request', async () => {
    const admin = await t.signUpAdmin({ role: 'reader', name: 'Asking Admin' });
    await admin.caller.account.requestLevel({ role: 'power' });
    const requestId = await pendingRequestIdOf(t.db, admin.user.id);
    const mails = await requestMails(requestId);
    expect(mails.map((mail) => mail.to).join()).not.toContain(admin.user.email);
    expect(mails).toHaveLength(1);
  });

  it('sends an ADMINS address with no admin account the panel link only', async () => {
    const listed = await createTestContext({
      configOverrides: {
        mail: testConfig(
          {},
          { ADMINS: `Ops <ops@example.com>, Listed Admin <listed-admin@example.com>` },
        ).mail,
      },
    });
    try {
      await listed.signUpAdmin({ email: 'LISTED-admin@example.com' });
      await listed.signUpAdmin({ email: 'not-listed@example.com' });
      const { user } = await listed.signUp({ role: 'power' });
      const requestId = await pendingRequestIdOf(listed.db, user.id);
      const rows = await listed.db
        .selectFrom('mailOutbox')
        .select('message')
        .where('idempotencyKey', 'like', `level-request:${requestId}:admins%`)
        .execute();
      const mails = rows.map((row) => EmailMessage.fromJSON(row.message));
      expect(
        mails.map((mail) => ({ to: mail.to, withLink: decisionLinkIn(mail.body) !== null })),
      ).toEqual(
        expect.arrayContaining([
          { to: ['"Ops" <ops@example.com>'], withLink: false },
          { to: ['"Listed Admin" <listed-admin@example.com>'], withLink: true },
        ]),
      );
      expect(mails).toHaveLength(2);
      expect(mails.find((mail) => mail.to[0]?.includes('ops@'))?.body).toContain(
        `/admin/requests/${requestId}`,
      );
    } finally {
      await listed.destroy();
    }
  });

  it('warns, naming the fix, when a request reaches nobody, and says so to the panel', async () => {
    const choices = await t.db.selectFrom('users').select(['id', 'levelRequestMail']).execute();
    await t.db.updateTable('users').set({ levelRequestMail: 'off' }).execute();
    try {
      expect(await levelRequestsReachNobody(t.db, t.config)).toBe(true);
      expect((await each.caller.admin.mail()).requestsReachNobody).toBe(true);
      logLines.length = 0;
      const { user } = await t.signUp({ role: 'power' });
      const requestId = await pendingRequestIdOf(t.db, user.id);
      expect(await requestMails(requestId)).toEqual([]);
      const warning = logLines
        .map((line) => JSON.parse(line))
        .find((l) => l.requestId === requestId);
      expect(warning?.msg).toMatch(/Level requests reach nobody.*Fix: set ADMINS/);
    } finally {
      for (const { id, levelRequestMail } of choices) {
        await t.db.updateTable('users').set({ levelRequestMail }).where('id', '=', id).execute();
      }
    }
    expect((await each.caller.admin.mail()).requestsReachNobody).toBe(false);
  });
});

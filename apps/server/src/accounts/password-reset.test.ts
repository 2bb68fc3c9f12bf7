import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestLinkToken, mailsTo } from '../testing/account-mail.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { userRow } from '../testing/rows.js';
import { sessionHashesOf } from '../testing/sessions.js';
import { LINK_EXPIRED } from './account-tokens.js';

const START = new Date('2026-12-04T12:00:00Z');
let clock = START;
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({
    configOverrides: { emailVerification: 'required' },
    now: () => clock,
  });
});
afterAll(() => t.destroy());

const MINUTE_MS = 60 * 1000;
const newPassword = 'a brand new passphrase';

describe('auth.requestPasswordReset', () => {
  it('answers ok for an unknown address and writes nothing', async () => {
    const before = await t.db.selectFrom('mailOutbox').select('id').execute();
    expect(await t.caller().auth.requestPasswordReset({ email: 'ghost@example.com' })).toEqual({
      ok: true,
    });
    expect(await t.db.selectFrom('mailOutbox').select('id').execute()).toEqual(before);
    expect(
      await t.db
        .selectFrom('accountTokens')
        .where('purpose', '=', 'reset_password')
        .selectAll()
        .execute(),
    ).toEqual([]);
  });

  it('mails the account’s own address a link valid PASSWORD_RESET_MINUTES, whatever the case typed', async () => {
    const { user } = await t.signUp({ email: 'Mixed.Case@example.com' });
    await t.caller().auth.requestPasswordReset({ email: 'mixed.case@EXAMPLE.com' });
    const [mail] = (await mailsTo(t.db, 'mixed.case@example.com')).filter((m) =>
      m.subject.includes('Reset'),
    );
    expect(mail?.to).toBe('Mixed.Case@example.com');
    expect(mail?.body).toContain('http://localhost:3000/reset-password?token=');
    const row = await t.db
      .selectFrom('accountTokens')
      .selectAll()
      .where('userId', '=', user.id)
      .where('purpose', '=', 'reset_password')
      .executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime() - START.getTime()).toBe(30 * MINUTE_MS);
  });
});

describe('auth.requestPasswordReset with the account-mail limit off', () => {
  // Both paths must commit one durable write (bench row 9): the count is that write for an address
  // no account has, so it is kept even when nothing is limited.
  it('still counts the address, whether or not an account has it', async () => {
    const unlimited = await createTestContext({
      configOverrides: { rateLimits: { accountMailsPerHour: 0 } },
    });
    try {
      await unlimited.signUp({ email: 'counted@example.com' });
      for (const email of ['counted@example.com', 'Nobody.Here@example.com']) {
        await unlimited.caller().auth.requestPasswordReset({ email });
      }
      const counts = await unlimited.db
        .selectFrom('rateLimits')
        .select(['key', 'count'])
        .where('key', 'like', 'account-mail:%')
        .orderBy('key')
        .execute();
      expect(counts).toEqual([
        { key: 'account-mail:email:counted@example.com', count: 1 },
        { key: 'account-mail:email:nobody.here@example.com', count: 1 },
      ]);
    } finally {
      await unlimited.destroy();
    }
  });
});

describe('auth.resetPassword', () => {
  it('sets the password, verifies the address, ends every session and opens a new one', async () => {
    const { user, caller } = await t.signUp({ email: 'forgot@example.com' });
    await t.db
      .insertInto('sessions')
      .values({
        tokenHash: 'elsewhere',
        userId: user.id,
        expiresAt: new Date(START.getTime() + 60 * MINUTE_MS),
      })
      .execute();
    await t.caller().auth.requestPasswordReset({ email: 'forgot@example.com' });
    const token = await latestLinkToken(t.db, 'forgot@example.com', 'reset-password');
    const cookies = new Map<string, string>();
    const reset = await t
      .caller(null, { cookies })
      .auth.resetPassword({ token, password: newPassword });
    expect(reset.user).toMatchObject({ id: user.id, emailVerified: true });
    expect(cookies.get('rolegate_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessions = await sessionHashesOf(t.db, user.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).not.toBe('elsewhere');
    await t.caller().auth.login({ email: 'forgot@example.com', password: newPassword });
    await caller.entries.list({});
  });

  it('refuses a late, a superseded and a made-up link with one message, and changes nothing', async () => {
    const { user } = await t.signUp({ email: 'careful@example.com' });
    const hashBefore = async () => (await userRow(t.db, user.id)).passwordHash;
    const original = await hashBefore();

    await t.caller().auth.requestPasswordReset({ email: 'careful@example.com' });
    const superseded = await latestLinkToken(t.db, 'careful@example.com', 'reset-password');
    await t.caller().auth.requestPasswordReset({ email: 'careful@example.com' });
    const late = await latestLinkToken(t.db, 'careful@example.com', 'reset-password');
    clock = new Date(START.getTime() + 31 * MINUTE_MS);
    try {
      for (const token of [superseded, late, 'x'.repeat(43), 'short']) {
        const error = await callerError(
          t.caller().auth.resetPassword({ token, password: newPassword }),
        );
        expect(error).toMatchObject({ code: 'BAD_REQUEST', message: LINK_EXPIRED });
      }
    } finally {
      clock = START;
    }
    expect(await hashBefore()).toBe(original);
  });

  it('a link acts only on the account it was mailed for, even when someone else is signed in', async () => {
    const victim = await t.signUp({ email: 'victim@example.com' });
    const other = await t.signUp({ email: 'other@example.com' });
    await t.caller().auth.requestPasswordReset({ email: 'victim@example.com' });
    const token = await latestLinkToken(t.db, 'victim@example.com', 'reset-password');
    const otherHash = async () => (await userRow(t.db, other.user.id)).passwordHash;
    const before = await otherHash();
    const { user } = await other.caller.auth.resetPassword({ token, password: newPassword });
    expect(user.id).toBe(victim.user.id);
    expect(await otherHash()).toBe(before);
  });

  it('a link mailed before the account changed its address no longer works', async () => {
    const { user } = await t.signUp({ email: 'moving@example.com' });
    await t.caller().auth.requestPasswordReset({ email: 'moving@example.com' });
    const token = await latestLinkToken(t.db, 'moving@example.com', 'reset-password');
    await t.db
      .updateTable('users')
      .set({ email: 'moved@example.com' })
      .where('id', '=', user.id)
      .execute();
    const error = await callerError(
      t.caller().auth.resetPassword({ token, password: newPassword }),
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: LINK_EXPIRED });
  });
});

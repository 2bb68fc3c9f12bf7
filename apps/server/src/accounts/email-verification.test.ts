import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestLinkToken, mailsTo } from '../testing/account-mail.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { userRow } from '../testing/rows.js';
import { EMAIL_NOT_VERIFIED } from '../trpc.js';
import { LINK_EXPIRED } from './account-tokens.js';
import { hashSecretToken } from './secret-token.js';

let clock = new Date('2026-12-04T12:00:00Z');
let t: TestContext;
let admin: Awaited<ReturnType<TestContext['signUpAdmin']>>;
beforeAll(async () => {
  t = await createTestContext({
    configOverrides: { emailVerification: 'required' },
    now: () => clock,
  });
  admin = await t.signUpAdmin({ email: 'admin@example.com', name: 'Ada Admin' });
  await t.db
    .updateTable('users')
    .set({ emailVerified: true })
    .where('id', '=', admin.user.id)
    .execute();
});
afterAll(() => t.destroy());

const HOUR_MS = 60 * 60 * 1000;

describe('email verification (EMAIL_VERIFICATION=required)', () => {
  it('signs a new person in unverified and mails them a link, storing only its hash', async () => {
    const { user } = await t.signUp({ email: 'grace@example.com' });
    expect(user.emailVerified).toBe(false);
    const [mail, ...more] = await mailsTo(t.db, 'grace@example.com');
    expect(more).toEqual([]);
    expect(mail?.subject).toContain('Confirm your email address');
    expect(mail?.body).toContain('http://localhost:3000/verify-email?token=');
    const token = await latestLinkToken(t.db, 'grace@example.com', 'verify-email');
    const rows = await t.db
      .selectFrom('accountTokens')
      .selectAll()
      .where('userId', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: 'verify_email',
      tokenHash: hashSecretToken(token),
      usedAt: null,
    });
    expect(rows[0]?.expiresAt.getTime()).toBe(clock.getTime() + 24 * HOUR_MS);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('answers FORBIDDEN to everything but me, logout, resend, changeEmail and sessions until verified', async () => {
    const { caller } = await t.signUp({ email: 'gated@example.com', role: 'editor' });
    for (const call of [
      () => caller.entries.list({}),
      () => caller.account.requestLevel({ role: 'power' }),
      () =>
        caller.account.changePassword({
          currentPassword: 'x',
          newPassword: 'long enough password',
        }),
    ]) {
      const error = await callerError(call());
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe(EMAIL_NOT_VERIFIED);
    }
    expect((await caller.auth.me()).user?.emailVerified).toBe(false);
    expect((await caller.account.sessions()).sessions).toHaveLength(1);
    expect(await caller.auth.resendVerification()).toEqual({ ok: true });
    expect(await caller.account.signOutEverywhere()).toEqual({ ok: true });
  });

  it('verifies with the mailed link, once, and then lets the person in', async () => {
    const { caller } = await t.signUp({ email: 'verify-me@example.com', role: 'editor' });
    const token = await latestLinkToken(t.db, 'verify-me@example.com', 'verify-email');
    const { user } = await t.caller().auth.verifyEmail({ token });
    expect(user).toMatchObject({ email: 'verify-me@example.com', emailVerified: true });
    expect((await caller.auth.me()).user?.emailVerified).toBe(true);
    await caller.entries.list({});
    const again = await callerError(t.caller().auth.verifyEmail({ token }));
    expect(again).toMatchObject({ code: 'BAD_REQUEST', message: LINK_EXPIRED });
  });

  it('gives one answer to unknown, malformed and expired links, and changes nothing', async () => {
    const { user } = await t.signUp({ email: 'late@example.com' });
    const token = await latestLinkToken(t.db, 'late@example.com', 'verify-email');
    for (const bad of [
      'x'.repeat(43),
      'not a token',
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    ]) {
      const error = await callerError(t.caller().auth.verifyEmail({ token: bad }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: LINK_EXPIRED });
    }
    clock = new Date(clock.getTime() + 24 * HOUR_MS + 1000);
    try {
      const error = await callerError(t.caller().auth.verifyEmail({ token }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: LINK_EXPIRED });
    } finally {
      clock = new Date('2026-12-04T12:00:00Z');
    }
    expect((await userRow(t.db, user.id)).emailVerified).toBe(false);
  });

  it('holds a power request from the admins until the address is verified, then tells them in that transaction', async () => {
    const { user } = await t.signUp({
      email: 'power@example.com',
      role: 'power',
      reason: 'imports',
    });
    expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
    const adminMail = async () =>
      (await mailsTo(t.db, 'admin@example.com')).filter((m) => m.key.startsWith('level-request:'));
    expect(await adminMail()).toEqual([]);
    const queue = async () =>
      (await admin.caller.admin.requests({ status: 'pending' })).requests.map((r) => r.user.email);
    expect(await queue()).not.toContain('power@example.com');
    // Nor can an admin decide it by its id: nothing changes until the address is proved.
    const held = await t.db
      .selectFrom('levelRequests')
      .select('id')
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow();
    const refused = await callerError(admin.caller.admin.approve({ requestId: held.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('has not confirmed their email address yet');
    const unchanged = await t.db
      .selectFrom('levelRequests')
      .innerJoin('users', 'users.id', 'levelRequests.userId')
      .select(['levelRequests.status', 'users.role'])
      .where('levelRequests.id', '=', held.id)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ status: 'pending', role: 'editor' });

    const token = await latestLinkToken(t.db, 'power@example.com', 'verify-email');
    await t.caller().auth.verifyEmail({ token });
    const mails = await adminMail();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('asks for power access');
    expect(await queue()).toContain('power@example.com');
  });

  it('resends a fresh link while unverified and nothing once verified; older links keep working', async () => {
    const { caller } = await t.signUp({ email: 'resend@example.com' });
    const first = await latestLinkToken(t.db, 'resend@example.com', 'verify-email');
    await caller.auth.resendVerification();
    const second = await latestLinkToken(t.db, 'resend@example.com', 'verify-email');
    expect(second).not.toBe(first);
    await t.caller().auth.verifyEmail({ token: first });
    const count = (await mailsTo(t.db, 'resend@example.com')).length;
    await caller.auth.resendVerification();
    expect(await mailsTo(t.db, 'resend@example.com')).toHaveLength(count);
  });
});

describe('EMAIL_VERIFICATION=off', () => {
  let off: TestContext;
  beforeAll(async () => {
    off = await createTestContext();
  });
  afterAll(() => off.destroy());

  it('lets an unverified account work and mails no link', async () => {
    const { user, caller } = await off.signUp({ email: 'free@example.com', role: 'editor' });
    expect(user.emailVerified).toBe(false);
    await caller.entries.list({});
    expect(await mailsTo(off.db, 'free@example.com')).toEqual([]);
  });
});

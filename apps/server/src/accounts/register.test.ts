import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { sessionHashesOf } from '../testing/sessions.js';
import { signUpRowCounts, withInsertsRefused } from '../testing/sign-up-rows.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  // An admin account, so a power request has someone to notify.
  await t.signUpAdmin({ email: 'admin@example.com', name: 'Ada Admin' });
});
afterAll(() => t.destroy());

const valid = {
  email: 'grace@example.com',
  password: 'correct horse battery staple',
  name: 'Grace Hopper',
  role: 'reader' as const,
};

describe('auth.register', () => {
  it('grants reader, contributor and editor at once, with no request and no mail', async () => {
    for (const role of ['reader', 'contributor', 'editor'] as const) {
      const { user } = await t.caller().auth.register({
        ...valid,
        email: `${role}@example.com`,
        role,
      });
      expect(user).toMatchObject({ role, requestedRole: null, pending: false, isAdmin: false });
      const requests = await t.db
        .selectFrom('levelRequests')
        .where('userId', '=', user.id)
        .selectAll()
        .execute();
      expect(requests).toEqual([]);
    }
  });

  it('starts power at editor with a pending request and the admins notified', async () => {
    const mailBefore = (await signUpRowCounts(t.db)).mail;
    const { user } = await t.caller().auth.register({
      ...valid,
      email: 'power@example.com',
      role: 'power',
      reason: 'I maintain the import scripts.',
    });
    expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
    const request = await t.db
      .selectFrom('levelRequests')
      .selectAll()
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      requestedRole: 'power',
      status: 'pending',
      reason: 'I maintain the import scripts.',
    });
    const mail = await t.db
      .selectFrom('mailOutbox')
      .select('idempotencyKey')
      .where('idempotencyKey', 'like', `level-request:${request.id}:admins%`)
      .execute();
    expect(mail).toHaveLength(1);
    expect((await signUpRowCounts(t.db)).mail).toBe(mailBefore + 1);
  });

  it('stores an argon2id hash, never the password', async () => {
    await t.caller().auth.register({ ...valid, email: 'hash@example.com' });
    const row = await t.db
      .selectFrom('users')
      .select('passwordHash')
      .where('email', '=', 'hash@example.com')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(valid.password);
  });

  it('creates a session and sets the rolegate_session cookie', async () => {
    const cookies = new Map<string, string>();
    const { user } = await t.caller(null, { cookies }).auth.register({
      ...valid,
      email: 'cookie@example.com',
    });
    const token = cookies.get('rolegate_session');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessions = await sessionHashesOf(t.db, user.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).not.toBe(token);
  });

  it('rejects a taken email in any letter case with CONFLICT on the email field', async () => {
    await t.caller().auth.register({ ...valid, email: 'taken@example.com' });
    const usersBefore = (await signUpRowCounts(t.db)).users;
    const error = await callerError(
      t.caller().auth.register({ ...valid, email: 'TAKEN@Example.COM', role: 'power' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('An account with this email already exists.');
    expect((await signUpRowCounts(t.db)).users).toBe(usersBefore);
  });

  it('rejects an unknown key such as isAdmin', async () => {
    const error = await callerError(
      t.caller().auth.register({ ...valid, email: 'sneaky@example.com', isAdmin: true } as never),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('isAdmin');
    const sneaky = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'sneaky@example.com')
      .execute();
    expect(sneaky).toEqual([]);
  });

  it.each([
    ['admin', { role: 'admin' }, 'role'],
    ['a missing role', { role: undefined }, 'role'],
    ['a short password', { password: 'short' }, 'password'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name with a line break', { name: 'Eve\r\nBcc: x@example.com' }, 'name'],
    ['a reason over 1000 characters', { reason: 'x'.repeat(1001) }, 'reason'],
  ])('rejects %s with BAD_REQUEST naming the field', async (_what, change, field) => {
    const error = await callerError(
      t.caller().auth.register({ ...valid, email: 'bad-input@example.com', ...change } as never),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(field);
  });

  it('leaves no user, no request and no mail when the request insert fails', async () => {
    const before = await signUpRowCounts(t.db);
    const error = await withInsertsRefused(t.db, 'level_requests', () =>
      callerError(
        t.caller().auth.register({ ...valid, email: 'rollback@example.com', role: 'power' }),
      ),
    );
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await signUpRowCounts(t.db)).toEqual(before);
  });
});

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/index.js';
import { READER_MADE_ADMIN_BY_CLI } from '../testing/levels.js';
import { sessionHashesOf } from '../testing/sessions.js';
import { ensureAdmin } from './admin-bootstrap.js';
import { ensureAdminFromConfig } from './admin-from-config.js';
import { createSession } from './sessions.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.destroy());

const userByEmail = (email: string) =>
  t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
const auditOf = (userId: string) =>
  t.db
    .selectFrom('auditLog')
    .select(['action', 'details'])
    .where('subjectId', '=', userId)
    .execute();
const markVerified = (userId: string) =>
  t.db.updateTable('users').set({ emailVerified: true }).where('id', '=', userId).execute();

/** Runs the start-up bootstrap with ROLEGATE_ADMIN_EMAIL and _PASSWORD; answers what it logged. */
async function bootstrapLog(adminEmail: string, adminPassword: string): Promise<string> {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  await ensureAdminFromConfig(t.db, { adminEmail, adminPassword }, logger);
  return lines.join('');
}

/** `create-admin --reset-password`: the account becomes admin with `the new password`. */
const makeAdminWithNewPassword = (email: string) =>
  ensureAdmin(t.db, {
    email,
    password: 'the new password',
    resetPassword: true,
    source: 'create-admin',
  });

describe('ensureAdmin', () => {
  it('creates an admin at power the first time and changes nothing the second time', async () => {
    const input = {
      email: 'boot@example.com',
      password: 'first admin password',
      source: 'create-admin',
    } as const;
    expect(await ensureAdmin(t.db, input)).toMatchObject({ outcome: 'created' });
    const created = await userByEmail('boot@example.com');
    expect(created).toMatchObject({ isAdmin: true, role: 'power', name: 'Administrator' });

    expect(await ensureAdmin(t.db, input)).toMatchObject({
      outcome: 'already-admin',
      passwordSet: false,
      passwordMatches: true,
    });
    expect(await userByEmail('boot@example.com')).toEqual(created);
    expect((await auditOf(created?.id ?? '')).map((row) => row.action)).toEqual([
      'user.admin_created',
    ]);
    const { user } = await t.caller().auth.login({ email: input.email, password: input.password });
    expect(user.isAdmin).toBe(true);
  });

  it('refuses to make an account admin when the password given is not its own, changing nothing', async () => {
    const { user, caller, password } = await t.signUp({ email: 'squatter@example.com' });
    await markVerified(user.id);
    const before = await userByEmail('squatter@example.com');
    const result = await ensureAdmin(t.db, {
      email: 'SQUATTER@example.com',
      password: "the operator's password",
      source: 'create-admin',
    });
    expect(result).toEqual({ outcome: 'refused', userId: user.id, reason: 'password-differs' });
    expect(await userByEmail('squatter@example.com')).toEqual(before);
    expect((await caller.auth.me()).user?.isAdmin).toBe(false);
    expect((await t.caller().auth.login({ email: user.email, password })).user.isAdmin).toBe(false);
    expect(await auditOf(user.id)).toEqual([]);
  });

  it('makes an account admin at power when the password given is its own, and audits the change', async () => {
    const { user, password } = await t.signUp({ email: 'mine@example.com', role: 'reader' });
    await markVerified(user.id);
    const result = await ensureAdmin(t.db, { email: user.email, password, source: 'create-admin' });
    expect(result).toMatchObject({
      outcome: 'promoted',
      passwordSet: false,
      passwordMatches: true,
    });
    expect(await userByEmail(user.email)).toMatchObject({ isAdmin: true, role: 'power' });
    expect(await auditOf(user.id)).toEqual([READER_MADE_ADMIN_BY_CLI]);
  });

  it('never promotes an address nobody verified on its password alone, even the right one', async () => {
    const { user, password } = await t.signUp({ email: 'unproven@example.com' });
    const before = await userByEmail(user.email);
    expect(before?.emailVerified).toBe(false);
    const result = await ensureAdmin(t.db, { email: user.email, password, source: 'create-admin' });
    expect(result).toEqual({ outcome: 'refused', userId: user.id, reason: 'address-unverified' });
    expect(await userByEmail(user.email)).toEqual(before);
  });

  it('with resetPassword makes an account admin at power, replaces its password and ends its sessions', async () => {
    const { user, password } = await t.signUp({ email: 'reset-me@example.com' });
    await createSession(t.db, user.id, new Date());
    const result = await makeAdminWithNewPassword(user.email);
    expect(result).toMatchObject({ outcome: 'promoted', passwordSet: true });
    expect(await userByEmail(user.email)).toMatchObject({
      isAdmin: true,
      role: 'power',
      emailVerified: true,
    });
    expect(await sessionHashesOf(t.db, user.id)).toEqual([]);
    await expect(t.caller().auth.login({ email: user.email, password })).rejects.toThrow();
    await t.caller().auth.login({ email: user.email, password: 'the new password' });
    expect(await auditOf(user.id)).toMatchObject([
      { action: 'user.made_admin', details: { fromLevel: 'reader', passwordReset: true } },
    ]);
  });

  it('sets the password of an existing admin with resetPassword and signs it out everywhere', async () => {
    const { user } = await t.signUpAdmin({ email: 'reset@example.com' });
    await createSession(t.db, user.id, new Date());
    const result = await makeAdminWithNewPassword(user.email);
    expect(result).toMatchObject({ outcome: 'already-admin', passwordSet: true });
    expect(await sessionHashesOf(t.db, user.id)).toEqual([]);
    await t.caller().auth.login({ email: user.email, password: 'the new password' });
  });
});

describe('ensureAdminFromConfig (ROLEGATE_ADMIN_EMAIL at start)', () => {
  it('refuses to promote an account whose password differs, logging the fix', async () => {
    const { user, password } = await t.signUp({ email: 'ops@example.com' });
    const log = await bootstrapLog(user.email, 'the operator password');
    expect(log).toContain('NOT made admin');
    expect(log).toContain(`pnpm rolegate create-admin --email ${user.email} --reset-password`);
    expect(log).not.toContain('the operator password');
    expect(await userByEmail(user.email)).toMatchObject({ isAdmin: false });
    expect((await t.caller().auth.login({ email: user.email, password })).user.isAdmin).toBe(false);
  });

  it('never changes the password of an existing admin, and warns', async () => {
    const { user, password } = await t.signUpAdmin({ email: 'keep@example.com' });
    const log = await bootstrapLog(user.email, 'a new password!!');
    expect(log).toContain('NOT applied');
    expect(log).not.toContain('a new password!!');
    await t.caller().auth.login({ email: user.email, password });
  });
});

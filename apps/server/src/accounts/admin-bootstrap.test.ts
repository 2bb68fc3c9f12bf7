import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test-support/index.js';
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

describe('ensureAdmin', () => {
  it('creates an admin at power the first time and changes nothing the second time', async () => {
    const input = { email: 'boot@example.com', password: 'first admin password' };
    expect(await ensureAdmin(t.db, input)).toMatchObject({ outcome: 'created', passwordSet: true });
    const created = await userByEmail('boot@example.com');
    expect(created).toMatchObject({ isAdmin: true, role: 'power', name: 'Administrator' });

    expect(await ensureAdmin(t.db, input)).toMatchObject({
      outcome: 'already-admin',
      passwordSet: false,
      passwordMatches: true,
    });
    expect(await userByEmail('boot@example.com')).toEqual(created);
    const { user } = await t.caller().auth.login(input);
    expect(user.isAdmin).toBe(true);
  });

  it('makes an existing account admin and keeps its level and password', async () => {
    const { user, password } = await t.signUp({
      email: 'promote@example.com',
      role: 'contributor',
    });
    const result = await ensureAdmin(t.db, {
      email: 'PROMOTE@example.com',
      password: 'another password',
    });
    expect(result).toMatchObject({
      outcome: 'promoted',
      passwordSet: false,
      passwordMatches: false,
    });
    expect(await userByEmail('promote@example.com')).toMatchObject({
      isAdmin: true,
      role: 'contributor',
    });
    await t.caller().auth.login({ email: user.email, password });
  });

  it('never changes an existing password from the environment, and warns', async () => {
    const { user, password } = await t.signUp({ email: 'keep@example.com' });
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    await ensureAdminFromConfig(
      t.db,
      { adminEmail: user.email, adminPassword: 'a new password!!' },
      logger,
    );
    expect(warnings.join('')).toContain('NOT applied');
    expect(warnings.join('')).not.toContain('a new password!!');
    await t.caller().auth.login({ email: user.email, password });
  });

  it('sets the password with resetPassword and signs the account out everywhere', async () => {
    const { user } = await t.signUpAdmin({ email: 'reset@example.com' });
    await createSession(t.db, user.id, new Date());
    const result = await ensureAdmin(t.db, {
      email: user.email,
      password: 'the new password',
      resetPassword: true,
    });
    expect(result).toMatchObject({ outcome: 'already-admin', passwordSet: true });
    const sessions = await t.db
      .selectFrom('sessions')
      .select('tokenHash')
      .where('userId', '=', user.id)
      .execute();
    expect(sessions).toEqual([]);
    await t.caller().auth.login({ email: user.email, password: 'the new password' });
  });
});

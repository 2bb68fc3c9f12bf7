import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../errors.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { sessionHashesOf } from '../testing/sessions.js';
import { hashSessionToken, SESSION_LIFETIME_MS, SESSION_TOUCH_INTERVAL_MS } from './sessions.js';

const MAX_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
let t: TestContext;
let clock = new Date('2026-01-01T12:00:00Z');
beforeAll(async () => {
  t = await createTestContext({ now: () => clock });
});
afterAll(() => t.destroy());

describe('auth.login', () => {
  it('signs in with the right password, whatever the email case, and sets the cookie', async () => {
    const { user, password } = await t.signUp({ email: 'Linus@Example.com' });
    const cookies = new Map<string, string>();
    const result = await t.caller(null, { cookies }).auth.login({
      email: 'linus@example.COM',
      password,
    });
    expect(result.user).toEqual(user);
    expect(cookies.get('rolegate_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers an unknown email and a wrong password with the same UNAUTHORIZED error', async () => {
    const { user } = await t.signUp();
    const wrongPassword = await callerError(
      t.caller().auth.login({ email: user.email, password: 'not the password' }),
    );
    const unknownEmail = await callerError(
      t.caller().auth.login({ email: 'nobody@example.com', password: 'not the password' }),
    );
    expect(wrongPassword.code).toBe('UNAUTHORIZED');
    expect(unknownEmail.code).toBe('UNAUTHORIZED');
    expect(wrongPassword.message).toBe(unknownEmail.message);
  });

  it('rejects an unknown key and an empty password with BAD_REQUEST', async () => {
    const extra = await callerError(
      t.caller().auth.login({ email: 'a@example.com', password: 'x', remember: true } as never),
    );
    expect(extra.code).toBe('BAD_REQUEST');
    const empty = await callerError(
      t.caller().auth.login({ email: 'a@example.com', password: '' }),
    );
    expect(empty.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(empty.cause)).toEqual({ password: ['Enter your password.'] });
    // A pasted password over the limit is not an empty one: say what is wrong with it.
    const tooLong = await callerError(
      t.caller().auth.login({ email: 'a@example.com', password: 'p'.repeat(257) }),
    );
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(tooLong.cause)).toEqual({
      password: [
        'That is longer than any password here (at most 256 characters): check what you pasted.',
      ],
    });
  });
});

describe('auth.me', () => {
  it('is { user: null } without a session', async () => {
    expect(await t.caller().auth.me()).toEqual({ user: null });
  });

  it('shows the pending request of a person who asked for power', async () => {
    const { caller } = await t.signUp({ role: 'power', reason: 'bulk fixes' });
    const { user } = await caller.auth.me();
    expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
    expect(Date.parse(user?.createdAt ?? '')).not.toBeNaN();
  });
});

describe('auth.logout', () => {
  it('answers { ok: true } and clears the cookie even without a session', async () => {
    const cookies = new Map([['rolegate_session', 'stale']]);
    expect(await t.caller(null, { cookies }).auth.logout()).toEqual({ ok: true });
    expect(cookies.has('rolegate_session')).toBe(false);
  });
});

describe('sessions', () => {
  it('slide: a use after an hour pushes the expiry 30 days out again, more often writes nothing', async () => {
    const { resolveSession, createSession } = await import('./sessions.js');
    const { user } = await t.signUp();
    const start = clock;
    const { token, tokenHash } = await createSession(t.db, user.id, start);

    const soon = new Date(start.getTime() + SESSION_TOUCH_INTERVAL_MS / 2);
    expect((await resolveSession(t.db, token, soon, MAX_DAYS))?.renewedUntil).toBeNull();

    const later = new Date(start.getTime() + SESSION_TOUCH_INTERVAL_MS + 1000);
    const renewed = await resolveSession(t.db, token, later, MAX_DAYS);
    expect(renewed?.renewedUntil?.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
    const row = await t.db
      .selectFrom('sessions')
      .select('expiresAt')
      .where('tokenHash', '=', tokenHash)
      .executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
  });

  it('expire after 30 days without use', async () => {
    const { resolveSession, createSession } = await import('./sessions.js');
    const { user } = await t.signUp();
    const { token } = await createSession(t.db, user.id, clock);
    const expired = new Date(clock.getTime() + SESSION_LIFETIME_MS + 1);
    expect(await resolveSession(t.db, token, expired, MAX_DAYS)).toBeNull();
  });

  it('end SESSION_MAX_DAYS after sign-in, however often they are used', async () => {
    const { resolveSession, createSession } = await import('./sessions.js');
    const { user } = await t.signUp();
    const signedIn = clock;
    const { token } = await createSession(t.db, user.id, signedIn);
    let renewedUntil: Date | null | undefined;
    for (let day = 20; day < MAX_DAYS; day += 20) {
      const used = await resolveSession(
        t.db,
        token,
        new Date(signedIn.getTime() + day * DAY_MS),
        MAX_DAYS,
      );
      expect(used, `day ${day}`).not.toBeNull();
      renewedUntil = used?.renewedUntil;
    }
    // The last slide stops at the absolute limit instead of 30 days on.
    expect(renewedUntil?.getTime()).toBe(signedIn.getTime() + MAX_DAYS * DAY_MS);
    const lastMinute = new Date(signedIn.getTime() + MAX_DAYS * DAY_MS - 60_000);
    expect(await resolveSession(t.db, token, lastMinute, MAX_DAYS)).not.toBeNull();
    const past = new Date(signedIn.getTime() + MAX_DAYS * DAY_MS + 1000);
    expect(await resolveSession(t.db, token, past, MAX_DAYS)).toBeNull();
    // A shorter setting ends the same session sooner.
    expect(
      await resolveSession(t.db, token, new Date(signedIn.getTime() + 8 * DAY_MS), 7),
    ).toBeNull();
  });

  it('store only the SHA-256 of the token', async () => {
    const { createSession } = await import('./sessions.js');
    const { user } = await t.signUp();
    const { token } = await createSession(t.db, user.id, clock);
    const hashes = await sessionHashesOf(t.db, user.id);
    expect(hashes).toContain(hashSessionToken(token));
    expect(hashes).not.toContain(token);
    clock = new Date(clock.getTime() + 1000);
  });
});

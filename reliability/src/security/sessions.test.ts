/**
 * Attacks (issue 6) on sessions: a token stolen and then logged out, an expired one, fixation (a
 * cookie planted before sign-in), and tokens made up or lifted from the sessions table.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { clientError, PASSWORD, type Person, reliabilityCase } from '../harness/index.js';
import {
  personWithToken,
  SESSION_COOKIE,
  sessionRow,
  sessionToken,
  signUp,
  tokenHash,
} from './accounts.js';
import { db, stack, useSecurityStack } from './security-stack.js';

useSecurityStack();

const options = () => stack.personOptions();

/**
 * What a holder of `token` can do: who auth.me says they are, and a call that needs a session. Each
 * call starts from a fresh jar, since the server clears a dead cookie and the jar would forget it.
 */
async function powersOf(token: string) {
  const { user } = await personWithToken(options(), token).trpc.auth.me.query();
  const list = await personWithToken(options(), token)
    .trpc.entries.list.query()
    .then(
      () => 'ok',
      async (error: unknown) => (await clientError(Promise.reject(error))).data?.code ?? 'error',
    );
  return { email: user?.email ?? null, list };
}

/** The Set-Cookie the last answer gave for the session cookie, if any. */
async function setCookieOf(holder: Person): Promise<string | undefined> {
  const response = await holder.fetch('/trpc/auth.me');
  return response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
}

describe('attacks: sessions', () => {
  reliabilityCase(
    'a stolen session stops working the moment its owner signs out',
    30_000,
    async (figures) => {
      const { person: victim } = await signUp(options(), {
        email: 'stolen@session.test',
        role: 'reader',
      });
      const token = sessionToken(victim);
      expect(await powersOf(token)).toEqual({ email: 'stolen@session.test', list: 'ok' });

      await victim.trpc.auth.logout.mutate();
      expect(await sessionRow(db, token)).toBeUndefined();
      const cleared = await setCookieOf(personWithToken(options(), token));
      expect(await powersOf(token)).toEqual({
        email: null,
        list: 'UNAUTHORIZED',
      });
      expect(cleared, 'the server tells the browser to drop the dead cookie').toMatch(
        /Expires=Thu, 01 Jan 1970|Max-Age=0/i,
      );
      figures.beforeLogout = 'signed in';
      figures.afterLogout = 'UNAUTHORIZED';
      figures.sessionRowLeft = false;
    },
  );

  reliabilityCase(
    'an expired session is refused and not slid back to life',
    30_000,
    async (figures) => {
      const { person } = await signUp(options(), { email: 'expired@session.test', role: 'reader' });
      const token = sessionToken(person);
      // Expired a second ago, last seen two hours ago: exactly when a sliding renewal would happen.
      await sql`update sessions set expires_at = now() - interval '1 second',
      last_seen_at = now() - interval '2 hours' where token_hash = ${tokenHash(token)}`.execute(db);
      const before = await sessionRow(db, token);
      expect(await powersOf(token)).toEqual({ email: null, list: 'UNAUTHORIZED' });
      // Still expired (or swept away by housekeeping), never pushed into the future.
      const after = await sessionRow(db, token);
      if (after !== undefined) expect(after.expiresAt).toEqual(before?.expiresAt);
      figures.expiredBy = '1 s';
      figures.answer = 'UNAUTHORIZED';
      figures.renewed = false;
    },
  );

  reliabilityCase(
    'session fixation: a cookie planted before sign-in (made up, or the attacker’s own) never becomes the victim’s',
    30_000,
    async (figures) => {
      await signUp(options(), { email: 'victim@session.test', role: 'editor' });
      const { person: attacker } = await signUp(options(), {
        email: 'attacker@session.test',
        role: 'reader',
      });
      const attackersToken = sessionToken(attacker);
      const madeUp = randomBytes(32).toString('base64url');

      for (const planted of [madeUp, attackersToken]) {
        const victim = personWithToken(options(), planted);
        await victim.trpc.auth.login.mutate({ email: 'victim@session.test', password: PASSWORD });
        const issued = sessionToken(victim);
        expect(issued).not.toBe(planted);
        expect((await powersOf(planted)).email).not.toBe('victim@session.test');
        expect((await sessionRow(db, issued))?.tokenHash).toBe(tokenHash(issued));
      }
      // Signing up rotates too.
      const planted = randomBytes(32).toString('base64url');
      const newcomer = personWithToken(options(), planted);
      await newcomer.trpc.auth.register.mutate({
        email: 'newcomer@session.test',
        password: PASSWORD,
        name: 'Newcomer',
        role: 'reader',
      });
      expect(sessionToken(newcomer)).not.toBe(planted);
      expect(await sessionRow(db, planted)).toBeUndefined();
      figures.plantedMadeUp = 'replaced, not accepted';
      figures.plantedAttackers = 'replaced, never the victim';
    },
  );

  reliabilityCase(
    'made-up, malformed and table-lifted tokens are not accepted (no 5xx)',
    30_000,
    async (figures) => {
      const { person: owner } = await signUp(options(), {
        email: 'owner@session.test',
        role: 'reader',
      });
      const stored = await sessionRow(db, sessionToken(owner));
      const tokens = [
        randomBytes(32).toString('base64url'),
        randomBytes(32).toString('hex'),
        stored?.tokenHash ?? '',
        stored?.tokenHash.slice(0, 43) ?? '',
        `${sessionToken(owner)}x`,
        sessionToken(owner).slice(0, 42),
        "' OR '1'='1",
        'a'.repeat(4000),
        encodeURIComponent('🔑').repeat(20),
        '',
      ];
      for (const token of tokens) {
        const holder = personWithToken(options(), token);
        const response = await holder.fetch('/trpc/auth.me');
        expect(response.status, token.slice(0, 40)).toBe(200);
        expect(await response.json()).toEqual({ result: { data: { user: null } } });
        expect((await powersOf(token)).list).toBe('UNAUTHORIZED');
      }
      // The cookie as issued: unreadable by scripts, not sent on cross-site POSTs.
      const fresh = (await signUp(options(), { email: 'cookie@session.test', role: 'reader' }))
        .person;
      const issued = await fresh.fetch('/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'cookie@session.test', password: PASSWORD }),
      });
      const line =
        issued.headers.getSetCookie().find((l) => l.startsWith(`${SESSION_COOKIE}=`)) ?? '';
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
      figures.tokensTried = tokens.length;
      figures.accepted = 0;
      figures.cookie = line
        .split(';')
        .slice(1)
        .map((part) => part.trim().split('=')[0])
        .join(' ');
    },
  );
});

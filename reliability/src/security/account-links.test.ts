/**
 * Attacks on the mailed links (issue 11): a verification or reset link used twice, late, or on
 * another account; telling registered addresses from unknown ones by the reset form's answer or its
 * time (the time is measured and REPORTED, never asserted). Links are read out of the mail the SMTP
 * fixture received, as an attacker with a copy of someone's mail would.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect } from 'vitest';
import { db, stack, useFileStack } from '../harness/file-stack.js';
import { clientError, isTo, person, reliabilityCase, waitFor } from '../harness/index.js';
import { signUp, tokenHash, userRow } from './accounts.js';
import { median, visibleAnswer } from './timing.js';
import { jsonHeaders, send } from './wire.js';

const EXPIRED = 'This link has expired or was already used (the token in it is no longer valid)';
const TRIES = 60;

// Mail limits off here (every client is 127.0.0.1); account-mail-bombing.test.ts covers them.
useFileStack({ env: { EMAIL_VERIFICATION: 'required', RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR: '0' } });

/** The token of the `index`-th link to `page` the SMTP fixture received for `to`. */
async function linkToken(to: string, page: 'verify-email' | 'reset-password', index = 0) {
  return waitFor(`${page} link number ${index + 1} for ${to}`, () => {
    const tokens = stack.smtp.received
      .filter((message) => isTo(message, to))
      .flatMap((message) =>
        [
          ...(message.parsed.text ?? '').matchAll(new RegExp(`/${page}\\?token=([\\w-]+)`, 'g')),
        ].map((match) => match[1] ?? ''),
      );
    return tokens[index];
  });
}

async function passwordHashOf(email: string): Promise<string> {
  return (await userRow(db, { email })).passwordHash;
}

describe('attacks on mailed links', () => {
  reliabilityCase(
    'a verification link used twice, or late, changes nothing the second time',
    60_000,
    async () => {
      const { person } = await signUp(stack.personOptions(), {
        email: 'twice@links.test',
        role: 'reader',
      });
      const token = await linkToken('twice@links.test', 'verify-email');
      await person.trpc.auth.verifyEmail.mutate({ token });
      const again = await clientError(person.trpc.auth.verifyEmail.mutate({ token }));
      expect(again.message).toBe(EXPIRED);

      const late = await signUp(stack.personOptions(), {
        email: 'late@links.test',
        role: 'reader',
      });
      const lateToken = await linkToken('late@links.test', 'verify-email');
      await expireLink(lateToken);
      const refused = await clientError(
        late.person.trpc.auth.verifyEmail.mutate({ token: lateToken }),
      );
      expect(refused.message).toBe(EXPIRED);
      expect((await late.person.trpc.auth.me.query()).user?.emailVerified).toBe(false);
    },
  );

  reliabilityCase(
    'a reset link works once; a second use and a late one change no password',
    60_000,
    async () => {
      await signUp(stack.personOptions(), { email: 'reset@links.test', role: 'reader' });
      const asker = stranger();
      await asker.trpc.auth.requestPasswordReset.mutate({ email: 'reset@links.test' });
      const token = await linkToken('reset@links.test', 'reset-password');
      await asker.trpc.auth.resetPassword.mutate({ token, password: 'first new passphrase' });
      const afterFirst = await passwordHashOf('reset@links.test');
      const reuse = await clientError(
        stranger().trpc.auth.resetPassword.mutate({ token, password: 'attacker passphrase' }),
      );
      expect(reuse.message).toBe(EXPIRED);
      expect(await passwordHashOf('reset@links.test')).toBe(afterFirst);

      await asker.trpc.auth.requestPasswordReset.mutate({ email: 'reset@links.test' });
      const lateToken = await linkToken('reset@links.test', 'reset-password', 1);
      await expireLink(lateToken);
      const late = await clientError(
        stranger().trpc.auth.resetPassword.mutate({
          token: lateToken,
          password: 'attacker passphrase',
        }),
      );
      expect(late.message).toBe(EXPIRED);
      expect(await passwordHashOf('reset@links.test')).toBe(afterFirst);
    },
  );

  reliabilityCase(
    'someone else’s verification link does not verify the account that uses it',
    60_000,
    async () => {
      const victim = await signUp(stack.personOptions(), {
        email: 'victim@links.test',
        role: 'reader',
      });
      const attacker = await signUp(stack.personOptions(), {
        email: 'attacker@links.test',
        role: 'reader',
      });
      // The attacker typed the victim's link (a forwarded mail, a shared screen): it proves the
      // victim's address, never the attacker's.
      const token = await linkToken('victim@links.test', 'verify-email');
      const { user } = await attacker.person.trpc.auth.verifyEmail.mutate({ token });
      expect(user.email).toBe('victim@links.test');
      expect((await attacker.person.trpc.auth.me.query()).user?.emailVerified).toBe(false);
      expect((await victim.person.trpc.auth.me.query()).user?.emailVerified).toBe(true);
      const forbidden = await clientError(attacker.person.trpc.entries.list.query({}));
      expect(forbidden.data?.code).toBe('FORBIDDEN');
    },
  );

  reliabilityCase(
    'the reset form answers a registered and an unknown address alike; median time difference reported',
    120_000,
    async (figures) => {
      await signUp(stack.personOptions(), { email: 'known@links.test', role: 'reader' });
      const url = stack.servers[0]?.url ?? '';
      const ask = async (email: string) => {
        const started = performance.now();
        const response = await send(url, {
          paths: ['auth.requestPasswordReset'],
          body: JSON.stringify({ email }),
          headers: jsonHeaders(stack.appUrl),
        });
        return { response, ms: performance.now() - started };
      };
      await ask('warmup@links.test');
      await ask('known@links.test');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < TRIES; i++) {
        const first = i % 2 === 0 ? 'known@links.test' : `nobody-${i}@links.test`;
        const second = i % 2 === 0 ? `nobody-${i}@links.test` : 'known@links.test';
        const a = await ask(first);
        const b = await ask(second);
        const [asKnown, asUnknown] = i % 2 === 0 ? [a, b] : [b, a];
        expect(visibleAnswer(asUnknown.response)).toEqual(visibleAnswer(asKnown.response));
        known.push(asKnown.ms);
        unknown.push(asUnknown.ms);
      }
      expect(visibleAnswer((await ask('KNOWN@links.test')).response).status).toBe(200);
      const knownMedian = median(known);
      const unknownMedian = median(unknown);
      figures.tries = TRIES;
      figures.medianRegisteredMs = Number(knownMedian.toFixed(2));
      figures.medianUnknownMs = Number(unknownMedian.toFixed(2));
      figures.ratio = Number((knownMedian / unknownMedian).toFixed(3));
    },
  );
});

/** Makes a mailed link's time run out, as if it were opened too late. */
async function expireLink(token: string): Promise<void> {
  await db
    .updateTable('accountTokens')
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where('tokenHash', '=', tokenHash(token))
    .execute();
}

/** Nobody signed in: a stranger holding a copy of someone's mail. */
function stranger() {
  return person(stack.personOptions());
}

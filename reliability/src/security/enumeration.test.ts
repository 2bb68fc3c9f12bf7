/**
 * Attacks (issue 6): telling a registered email from an unknown one at sign-in. The answers must be
 * identical (message, code, status, headers); the time is measured over many interleaved tries and
 * only REPORTED (median difference) — speed is not asserted in a test.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect } from 'vitest';
import { stack, useFileStack } from '../harness/file-stack.js';
import { reliabilityCase } from '../harness/index.js';
import { signUp } from './accounts.js';
import { median, visibleAnswer } from './timing.js';
import { jsonHeaders, send } from './wire.js';

const REGISTERED = 'known@enumeration.test';
const TRIES = 100;

// Rate limits are off (the harness default): the limit would otherwise end the measurement.
useFileStack({ serverEnv: { MAIL_WORKER: 'false' } }, async () => {
  await signUp(stack.personOptions(), { email: REGISTERED, role: 'reader' });
});

async function signIn(email: string, password: string) {
  const started = performance.now();
  const response = await send(stack.servers[0]?.url ?? '', {
    paths: ['auth.login'],
    body: JSON.stringify({ email, password }),
    headers: jsonHeaders(stack.appUrl),
  });
  return { response, ms: performance.now() - started };
}

describe('attacks: telling registered emails from unknown ones at sign-in', () => {
  reliabilityCase(
    'registered email + wrong password and unknown email: identical answers; median time difference reported',
    90_000,
    async (figures) => {
      // Warm both paths (the dummy hash for unknown emails is made on first use).
      await signIn('warmup@enumeration.test', 'wrong password 0');
      await signIn(REGISTERED, 'wrong password 0');

      const known: number[] = [];
      const unknown: number[] = [];
      let reference: ReturnType<typeof visibleAnswer> | undefined;
      for (let i = 0; i < TRIES; i++) {
        const password = `wrong password ${i}`;
        // Interleaved, alternating which goes first, so drift affects both alike.
        const pair =
          i % 2 === 0
            ? [
                await signIn(REGISTERED, password),
                await signIn(`nobody-${i}@enumeration.test`, password),
              ]
            : [
                await signIn(`nobody-${i}@enumeration.test`, password),
                await signIn(REGISTERED, password),
              ].reverse();
        const [asKnown, asUnknown] = pair;
        if (asKnown === undefined || asUnknown === undefined)
          throw new Error('a sign-in is missing');
        known.push(asKnown.ms);
        unknown.push(asUnknown.ms);
        expect(visibleAnswer(asUnknown.response)).toEqual(visibleAnswer(asKnown.response));
        reference ??= visibleAnswer(asKnown.response);
      }
      // The same answer for another spelling of the registered email.
      const upper = await signIn(REGISTERED.toUpperCase(), 'wrong password again');
      expect(visibleAnswer(upper.response)).toEqual(reference);
      expect(reference?.status).toBe(401);

      const knownMedian = median(known);
      const unknownMedian = median(unknown);
      figures.tries = TRIES;
      figures.answer = `${reference?.status} ${JSON.stringify(reference?.body).slice(0, 60)}…`;
      figures.medianRegisteredMs = Number(knownMedian.toFixed(2));
      figures.medianUnknownMs = Number(unknownMedian.toFixed(2));
      figures.medianDifferenceMs = Number((knownMedian - unknownMedian).toFixed(2));
      figures.medianOfPairDifferencesMs = Number(
        median(known.map((ms, i) => ms - (unknown[i] ?? ms))).toFixed(2),
      );
    },
  );
});

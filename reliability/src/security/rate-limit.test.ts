/**
 * Attacks (issues 6 and 10): guessing a password past the sign-in rate limit.
 * - Spread over TWO production server processes on one Postgres, with a spoofed X-Forwarded-For on
 *   every guess: the limit holds across both (its counters live in Postgres) and even the right
 *   password is then refused from that address.
 * - 40 guesses sent at once: the attempt is counted before the password is checked, so at most the
 *   limit are evaluated; the owner, from another address (a second loopback source address), gets
 *   in right after.
 * - TRUST_PROXY as a list: X-Forwarded-For is believed only from a listed proxy, and then only the
 *   first address from the right that is not a proxy counts.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  PASSWORD,
  reliabilityCase,
  type ServerProcess,
  type Stack,
  startStack,
} from '../harness/index.js';
import { signUp } from './accounts.js';
import { jsonHeaders, send, sendFrom, type WireResponse } from './wire.js';

const LIMIT = 5;
const VICTIM = 'guessed@ratelimit.test';
const OWNER = 'owner@ratelimit.test';
const BEHIND_PROXY = 'behind-proxy@ratelimit.test';

let stack: Stack;
let proxied: Stack;

beforeAll(async () => {
  [stack, proxied] = await Promise.all([
    startStack({
      servers: 2,
      // TRUST_PROXY stays false (the default): X-Forwarded-For from a client must not pick the key.
      env: { RATE_LIMIT_LOGINS_PER_15_MIN: String(LIMIT), MAIL_WORKER: 'false' },
    }),
    startStack({
      env: {
        RATE_LIMIT_LOGINS_PER_15_MIN: String(LIMIT),
        MAIL_WORKER: 'false',
        TRUST_PROXY: '127.0.0.1',
      },
    }),
  ]);
  await signUp(stack.personOptions(), { email: VICTIM, role: 'reader' });
  await signUp(proxied.personOptions(), { email: OWNER, role: 'reader' });
  await signUp(proxied.personOptions(), { email: VICTIM, role: 'reader' });
  await signUp(proxied.personOptions(), { email: BEHIND_PROXY, role: 'reader' });
});
afterAll(() => Promise.all([stack?.stop(), proxied?.stop()]));

function server(index: number): ServerProcess {
  const chosen = stack.servers[index % stack.servers.length];
  if (chosen === undefined) throw new Error('no server');
  return chosen;
}

function loginRequest(on: Stack, email: string, password: string, forwardedFor?: string) {
  return {
    paths: ['auth.login'],
    body: JSON.stringify({ email, password }),
    headers: jsonHeaders(
      on.appUrl,
      forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    ),
  };
}

async function signIn(on: ServerProcess, email: string, password: string, spoofedIp: string) {
  return send(on.url, loginRequest(stack, email, password, spoofedIp));
}

function codeOf(response: WireResponse): string {
  const outcome = response.outcomes[0];
  return outcome?.kind === 'error' ? outcome.error.data.code : (outcome?.kind ?? 'none');
}

function tally(responses: WireResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) counts[codeOf(response)] = (counts[codeOf(response)] ?? 0) + 1;
  return counts;
}

const describeTally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort()
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');

describe('attacks: password guessing past the rate limit', () => {
  reliabilityCase(
    `password guessing over two server processes: ${LIMIT} wrong guesses, then 429 on both, even for the right password`,
    60_000,
    async (figures) => {
      const answers: string[] = [];
      for (let guess = 0; guess < LIMIT; guess++) {
        const response = await signIn(
          server(guess),
          VICTIM,
          `wrong guess ${guess}`,
          `203.0.113.${guess + 1}`,
        );
        answers.push(`${guess % 2 === 0 ? 'A' : 'B'}:${codeOf(response)}`);
        expect(codeOf(response), `guess ${guess + 1}`).toBe('UNAUTHORIZED');
      }
      const refusals: WireResponse[] = [];
      for (let guess = LIMIT; guess < LIMIT + 4; guess++) {
        const password = guess >= LIMIT + 2 ? PASSWORD : `wrong guess ${guess}`;
        const response = await signIn(server(guess), VICTIM, password, `198.51.100.${guess}`);
        answers.push(
          `${guess % 2 === 0 ? 'A' : 'B'}:${codeOf(response)}${password === PASSWORD ? '(right password)' : ''}`,
        );
        expect(codeOf(response), `attempt ${guess + 1}`).toBe('TOO_MANY_REQUESTS');
        expect(response.status).toBe(429);
        expect(response.headers.getSetCookie()).toEqual([]);
        refusals.push(response);
      }

      const first = refusals[0];
      const outcome = first?.outcomes[0];
      const retryAfter = Number(first?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(outcome?.kind === 'error' ? outcome.error.data.retryAfterSeconds : null).toBe(
        retryAfter,
      );
      figures.limit = LIMIT;
      figures.servers = 2;
      figures.sequence = answers.join(' ');
      figures.retryAfterSeconds = retryAfter;
      figures.spoofedForwardedFor = 'ignored';
    },
  );

  reliabilityCase(
    `40 wrong sign-ins at once from one address: at most ${LIMIT} checked, the rest 429; the owner from another address gets in right after`,
    90_000,
    async (figures) => {
      const [target] = proxied.servers;
      if (target === undefined) throw new Error('no server');
      const guesses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          sendFrom('127.0.0.3', target.url, loginRequest(proxied, OWNER, `parallel guess ${i}`)),
        ),
      );
      const counts = tally(guesses);
      expect(Object.keys(counts).sort()).toEqual(['TOO_MANY_REQUESTS', 'UNAUTHORIZED']);
      expect(counts.UNAUTHORIZED).toBeLessThanOrEqual(LIMIT);
      expect(counts.TOO_MANY_REQUESTS).toBeGreaterThanOrEqual(40 - LIMIT);

      const started = Date.now();
      const owner = await sendFrom('127.0.0.2', target.url, loginRequest(proxied, OWNER, PASSWORD));
      expect(codeOf(owner), owner.text).toBe('result');
      expect(owner.headers.getSetCookie().join(';')).toContain('rolegate_session=');
      figures.answers = describeTally(counts);
      figures.ownerFromAnotherAddress = `signed in after ${((Date.now() - started) / 1000).toFixed(1)} s (slowed, not refused)`;
    },
  );

  reliabilityCase(
    'TRUST_PROXY=127.0.0.1: X-Forwarded-For from a client that is not the proxy changes nothing; through the proxy only the rightmost non-proxy address counts',
    60_000,
    async (figures) => {
      const [target] = proxied.servers;
      if (target === undefined) throw new Error('no server');
      // Two emails, so the per-email slow-down of one part does not stretch the other.
      const guess = (from: string, forwardedFor: string, i: number, email = VICTIM) =>
        sendFrom(from, target.url, loginRequest(proxied, email, `guess ${i}`, forwardedFor));

      // A client at 127.0.0.4 (not a proxy) writes a new X-Forwarded-For on every guess.
      const direct: string[] = [];
      for (let i = 0; i <= LIMIT; i++) {
        direct.push(codeOf(await guess('127.0.0.4', `203.0.113.${i + 50}`, i)));
      }
      expect(direct).toEqual([
        ...Array.from({ length: LIMIT }, () => 'UNAUTHORIZED'),
        'TOO_MANY_REQUESTS',
      ]);

      // Through the proxy (127.0.0.1), a client at 198.51.100.7 prepends addresses of its own.
      const proxiedAnswers: string[] = [];
      for (let i = 0; i < LIMIT; i++) {
        proxiedAnswers.push(codeOf(await guess('127.0.0.1', '198.51.100.7', i, BEHIND_PROXY)));
      }
      const prepended = await guess(
        '127.0.0.1',
        `192.0.2.${LIMIT}, 198.51.100.7`,
        LIMIT,
        BEHIND_PROXY,
      );
      expect(proxiedAnswers.every((code) => code === 'UNAUTHORIZED')).toBe(true);
      expect(codeOf(prepended)).toBe('TOO_MANY_REQUESTS');
      // Another client behind the same proxy has its own count.
      const neighbour = await guess('127.0.0.1', '198.51.100.8', 0, BEHIND_PROXY);
      expect(codeOf(neighbour)).toBe('UNAUTHORIZED');

      figures.spoofedFromNonProxy = direct.join(' ');
      figures.prependedThroughProxy = codeOf(prepended);
      figures.otherClientBehindProxy = codeOf(neighbour);
    },
  );
});

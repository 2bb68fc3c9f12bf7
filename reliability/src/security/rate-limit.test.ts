/**
 * Attacks (issue 6): guessing a password past the sign-in rate limit, spread over TWO production
 * server processes on one Postgres and with a spoofed X-Forwarded-For on every guess. The limit
 * holds across both (its counters live in Postgres) and even the right password is then refused.
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
import { jsonHeaders, send, type WireResponse } from './wire.js';

const LIMIT = 5;
const VICTIM = 'guessed@ratelimit.test';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    servers: 2,
    // TRUST_PROXY stays false (the default): X-Forwarded-For from a client must not pick the key.
    env: { RATE_LIMIT_LOGINS_PER_15_MIN: String(LIMIT), MAIL_WORKER: 'false' },
  });
  await signUp(stack.personOptions(), { email: VICTIM, role: 'reader' });
});
afterAll(() => stack?.stop());

function server(index: number): ServerProcess {
  const chosen = stack.servers[index % stack.servers.length];
  if (chosen === undefined) throw new Error('no server');
  return chosen;
}

async function signIn(on: ServerProcess, email: string, password: string, spoofedIp: string) {
  return send(on.url, {
    paths: ['auth.login'],
    body: JSON.stringify({ email, password }),
    headers: jsonHeaders(stack.appUrl, { 'x-forwarded-for': spoofedIp }),
  });
}

function codeOf(response: WireResponse): string {
  const outcome = response.outcomes[0];
  return outcome?.kind === 'error' ? outcome.error.data.code : (outcome?.kind ?? 'none');
}

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
      // Another account from the same client is refused as well: the IP's counter is shared too.
      const other = await signIn(
        server(1),
        'someone-else@ratelimit.test',
        'whatever123',
        '192.0.2.9',
      );
      expect(codeOf(other)).toBe('TOO_MANY_REQUESTS');

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
});

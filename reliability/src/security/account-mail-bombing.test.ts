/**
 * Attacks (issue 11): using the site to bomb a mailbox. Reset and verification mails are counted per
 * address and per client IP in Postgres, so two server processes share the count and a spoofed
 * X-Forwarded-For (TRUST_PROXY is off) does not reset it.
 */
import { describe, expect } from 'vitest';
import { stack, useFileStack } from '../harness/file-stack.js';
import { isTo, reliabilityCase, sleep } from '../harness/index.js';
import { signUp } from './accounts.js';
import { jsonHeaders, send } from './wire.js';

const LIMIT = 3;
const VICTIM = 'inbox@bombing.test';
const ATTEMPTS = 20;

useFileStack({
  servers: 2,
  env: { EMAIL_VERIFICATION: 'required', RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR: String(LIMIT) },
});

describe('attacks: mail bombing through the account forms', () => {
  reliabilityCase(
    `${ATTEMPTS} reset requests for one address over two servers: at most ${LIMIT} reset mails arrive, the rest are refused with a retry time`,
    90_000,
    async (figures) => {
      // Signing up mails one verification link (sign-ups have their own per-IP limit).
      const { person } = await signUp(stack.personOptions(), { email: VICTIM, role: 'reader' });
      const statuses: number[] = [];
      let retryAfterSeconds: number | null = null;
      for (let i = 0; i < ATTEMPTS; i++) {
        const server = stack.servers[i % stack.servers.length];
        const response = await send(server?.url ?? '', {
          paths: ['auth.requestPasswordReset'],
          body: JSON.stringify({ email: VICTIM }),
          headers: { ...jsonHeaders(stack.appUrl), 'x-forwarded-for': `198.51.100.${i}` },
        });
        statuses.push(response.status);
        if (response.status === 429) {
          const data = (response.json as { error?: { data?: { retryAfterSeconds?: number } } })
            ?.error?.data;
          retryAfterSeconds = data?.retryAfterSeconds ?? null;
        }
      }
      const resends = await Promise.allSettled(
        Array.from({ length: 5 }, () => person.trpc.auth.resendVerification.mutate()),
      );
      // Give the workers time to send whatever was queued, then count what arrived.
      await sleep(3_000);
      const arrived = stack.smtp.received.filter((message) => isTo(message, VICTIM)).length;
      expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(LIMIT);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
        ATTEMPTS - LIMIT,
      );
      expect(retryAfterSeconds).toBeGreaterThan(0);
      expect(resends.every((result) => result.status === 'rejected')).toBe(true);
      expect(arrived).toBeLessThanOrEqual(LIMIT + 1);
      figures.attempts = ATTEMPTS + resends.length;
      figures.mailsArrived = arrived;
      figures.refused = statuses.filter((status) => status === 429).length + resends.length;
    },
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { IP_MULTIPLIER } from './account-mail-limits.js';

let t: TestContext;
const now = new Date('2026-12-04T12:00:00Z');
beforeAll(async () => {
  t = await createTestContext({
    configOverrides: { emailVerification: 'required', rateLimits: { accountMailsPerHour: 2 } },
    now: () => now,
  });
});
afterAll(() => t.destroy());

const mailCount = async () => (await t.db.selectFrom('mailOutbox').select('id').execute()).length;

describe('account mail rate limits', () => {
  it('stop a mailbox from being bombed with reset links, with a retry time, whether or not it has an account', async () => {
    await t.signUp({ email: 'target@example.com' });
    for (const email of ['target@example.com', 'nobody@example.com']) {
      const attacker = t.caller(null, { clientIp: `192.0.2.${email.length}` });
      await attacker.auth.requestPasswordReset({ email });
      await attacker.auth.requestPasswordReset({ email: email.toUpperCase() });
      const before = await mailCount();
      // Another network does not help: the address has had its share.
      const error = await callerError(
        t.caller(null, { clientIp: '198.51.100.7' }).auth.requestPasswordReset({ email }),
      );
      expect(error.code).toBe('TOO_MANY_REQUESTS');
      expect(error.message).toMatch(/to this address.*Try again in 60 minutes/);
      expect(error.cause).toMatchObject({ retryAfterSeconds: 3600 });
      expect(await mailCount()).toBe(before);
    }
  });

  it('stop one network from mailing many addresses', async () => {
    const network = t.caller(null, { clientIp: '203.0.113.9' });
    for (let i = 0; i < 2 * IP_MULTIPLIER; i++) {
      await network.auth.requestPasswordReset({ email: `spray${i}@example.com` });
    }
    const error = await callerError(
      network.auth.requestPasswordReset({ email: 'one-more@example.com' }),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain('from your network');
  });

  it('count an IPv6 network by its /64: new addresses inside it do not help', async () => {
    for (let i = 0; i < 2 * IP_MULTIPLIER; i++) {
      const host = t.caller(null, { clientIp: `2001:db8:9:9::${i + 1}` });
      await host.auth.requestPasswordReset({ email: `v6-spray${i}@example.com` });
    }
    const error = await callerError(
      t.caller(null, { clientIp: '2001:db8:9:9::ffff' }).auth.requestPasswordReset({
        email: 'v6-one-more@example.com',
      }),
    );
    expect(error.message).toContain('from your network');
  });

  it('limit resending the verification link too', async () => {
    const { caller } = await t.signUp({ email: 'resender@example.com' });
    await caller.auth.resendVerification();
    await caller.auth.resendVerification();
    const error = await callerError(caller.auth.resendVerification());
    expect(error.code).toBe('TOO_MANY_REQUESTS');
  });
});

import { createTestDb, type TestDb } from '@rolegate/db/testing';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerError, testConfig } from '../testing/index.js';
import {
  consumeSignupAllowance,
  countSignInAttempt,
  forgiveSignIn,
  IP_FACTOR,
  slowdownMs,
} from './limits.js';

let t: TestDb;
let statements = 0;
const countStatements: KyselyPlugin = {
  transformQuery: ({ node }) => {
    statements += 1;
    return node;
  },
  transformResult: async ({ result }) => result,
};

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.destroy());
beforeEach(async () => {
  await t.db.deleteFrom('rateLimits').execute();
  statements = 0;
});

const now = new Date('2026-11-26T12:00:00Z');
function limitContext(
  limits: { signupsPerHour: number; loginsPer15Min: number },
  ip = '192.0.2.1',
) {
  return {
    db: t.db.withPlugin(countStatements),
    config: testConfig({ rateLimits: limits }),
    clientIp: ip,
    now: () => now,
  };
}

describe('rate limits', () => {
  it('cost no query when turned off with 0', async () => {
    const ctx = limitContext({ signupsPerHour: 0, loginsPer15Min: 0 });
    await consumeSignupAllowance(ctx);
    expect(await countSignInAttempt(ctx, 'ada@example.com')).toEqual({ delayMs: 0 });
    await forgiveSignIn(ctx, 'ada@example.com');
    expect(statements).toBe(0);
    expect(await t.db.selectFrom('rateLimits').selectAll().execute()).toEqual([]);
  });

  it('count a sign-in in one statement before the password is checked, and refuse past the limit for that email from that address', async () => {
    const ctx = limitContext({ signupsPerHour: 0, loginsPer15Min: 2 });
    await countSignInAttempt(ctx, 'ada@example.com');
    await countSignInAttempt(ctx, 'Ada@Example.com ');
    expect(statements).toBe(2);
    const error = await callerError(countSignInAttempt(ctx, 'ada@example.com'));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain('this email from your network');
    // The owner, from another address, is not refused (only slowed: the email is past its limit).
    const owner = limitContext(ctx.config.rateLimits, '192.0.2.50');
    expect(await countSignInAttempt(owner, 'ada@example.com')).toEqual({ delayMs: 1000 });
  });

  it('count parallel attempts atomically: no more than the limit pass', async () => {
    const ctx = limitContext({ signupsPerHour: 0, loginsPer15Min: 5 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => countSignInAttempt(ctx, 'parallel@example.com')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
  });

  it('refuse an address that fails for many emails', async () => {
    const limits = { signupsPerHour: 0, loginsPer15Min: 1 };
    const attacker = limitContext(limits, '192.0.2.1');
    for (let i = 0; i < IP_FACTOR; i++) await countSignInAttempt(attacker, `user${i}@example.com`);
    const error = await callerError(countSignInAttempt(attacker, 'one-more@example.com'));
    expect(error.message).toContain('from your network');
    await countSignInAttempt(limitContext(limits, '192.0.2.2'), 'one-more@example.com');
  });

  it('slow an email guessed from many addresses, never refuse it; a success takes its attempt back', async () => {
    const limits = { signupsPerHour: 0, loginsPer15Min: 2 };
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const from = limitContext(limits, `198.51.100.${i}`);
      delays.push((await countSignInAttempt(from, 'owner@example.com')).delayMs);
    }
    expect(delays).toEqual([0, 0, 500, 1000, 2000, 4000, 8000, 10_000]);
    const owner = limitContext(limits, '192.0.2.77');
    expect((await countSignInAttempt(owner, 'owner@example.com')).delayMs).toBe(10_000);
    await forgiveSignIn(owner, 'owner@example.com');
    const counts = await t.db.selectFrom('rateLimits').select(['key', 'count']).execute();
    expect(counts).toEqual(
      expect.arrayContaining([
        { key: 'login:email:owner@example.com', count: 8 },
        { key: 'login:pair:owner@example.com|192.0.2.77', count: 0 },
        { key: 'login:ip:192.0.2.77', count: 0 },
      ]),
    );
  });

  it('key IPv6 clients by their /64: another address in it shares the limit', async () => {
    const limits = { signupsPerHour: 1, loginsPer15Min: 0 };
    await consumeSignupAllowance(limitContext(limits, '2001:db8:5:6::1'));
    const error = await callerError(
      consumeSignupAllowance(limitContext(limits, '2001:db8:5:6::ffff')),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    await consumeSignupAllowance(limitContext(limits, '2001:db8:5:7::1'));
  });
});

describe('slowdownMs', () => {
  it('is 0 up to the limit, then doubles from 500 ms up to 10 s', () => {
    expect([10, 11, 12, 13, 20, 1000].map((count) => slowdownMs(count, 10))).toEqual([
      0, 500, 1000, 2000, 10_000, 10_000,
    ]);
  });
});

import { createTestDb, type TestDb } from '@rolegate/db/testing';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerError, testConfig } from '../test-support/index.js';
import {
  assertSignInAllowed,
  clearFailedSignIns,
  consumeSignupAllowance,
  recordFailedSignIn,
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
    await assertSignInAllowed(ctx, 'ada@example.com');
    await recordFailedSignIn(ctx, 'ada@example.com');
    await clearFailedSignIns(ctx, 'ada@example.com');
    expect(statements).toBe(0);
    expect(await t.db.selectFrom('rateLimits').selectAll().execute()).toEqual([]);
  });

  it('lock out an email after its failed sign-ins, checking and counting in one statement each', async () => {
    const ctx = limitContext({ signupsPerHour: 0, loginsPer15Min: 2 });
    for (let i = 0; i < 2; i++) {
      await assertSignInAllowed(ctx, 'ada@example.com');
      await recordFailedSignIn(ctx, 'Ada@Example.com ');
    }
    expect(statements).toBe(4);
    const error = await callerError(assertSignInAllowed(ctx, 'ada@example.com'));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain('this email');
  });

  it('lock out an IP that fails for many emails; a success forgives the email, not the IP', async () => {
    const limits = { signupsPerHour: 0, loginsPer15Min: 2 };
    const attacker = limitContext(limits, '192.0.2.1');
    await recordFailedSignIn(attacker, 'one@example.com');
    await recordFailedSignIn(attacker, 'two@example.com');
    const error = await callerError(assertSignInAllowed(attacker, 'three@example.com'));
    expect(error.message).toContain('your network');

    const owner = limitContext(limits, '192.0.2.50');
    await recordFailedSignIn(owner, 'two@example.com');
    await expect(assertSignInAllowed(owner, 'two@example.com')).rejects.toThrow(/this email/);
    await clearFailedSignIns(owner, 'two@example.com');
    await assertSignInAllowed(limitContext(limits, '192.0.2.99'), 'two@example.com');
    await expect(assertSignInAllowed(attacker, 'two@example.com')).rejects.toThrow(/your network/);
  });
});

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { callerError } from '../testing/index.js';
import { hashPassword, MAX_WAITING_HASHES, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('refuses with TOO_MANY_REQUESTS, hashing nothing more, once MAX_WAITING_HASHES wait for a core', async () => {
    const stored = await hashPassword('the right password');
    // One hash per core runs at once; MAX_WAITING_HASHES more may wait; the rest are refused.
    const extra = 5;
    const checks = Array.from({ length: availableParallelism() + MAX_WAITING_HASHES + extra }, () =>
      verifyPassword(stored, 'a wrong password'),
    );
    const outcomes = await Promise.allSettled(checks);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(extra);
    expect(outcomes.length - refused.length).toBeLessThanOrEqual(
      availableParallelism() + MAX_WAITING_HASHES,
    );
    const first = refused[0];
    const error = await callerError(
      first?.status === 'rejected' ? Promise.reject(first.reason) : Promise.resolve(),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    // Once the queue drains, passwords are checked again.
    expect(await verifyPassword(stored, 'the right password')).toBe(true);
  });
});

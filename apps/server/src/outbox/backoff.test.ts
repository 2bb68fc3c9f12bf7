import { describe, expect, it } from 'vitest';
import { attemptsExhausted, DEFAULT_RETRY_POLICY, retryDelayMs } from './backoff.js';

const policy = { baseDelayMs: 5_000, maxDelayMs: 3_600_000, maxAttempts: 12 };

describe('retry backoff', () => {
  it('doubles the ceiling with each attempt', () => {
    const top = () => 0.999_999;
    expect(retryDelayMs(1, policy, top)).toBe(4_999);
    expect(retryDelayMs(2, policy, top)).toBe(9_999);
    expect(retryDelayMs(5, policy, top)).toBe(79_999);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(retryDelayMs(12, policy, () => 0.999_999)).toBeLessThanOrEqual(3_600_000);
    expect(retryDelayMs(5_000, policy, () => 0.999_999)).toBeLessThanOrEqual(3_600_000);
  });

  it('spreads delays over the whole range (full jitter)', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(0);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(10_000);
  });

  it('gives up once the attempts are used', () => {
    expect(attemptsExhausted(11, policy)).toBe(false);
    expect(attemptsExhausted(12, policy)).toBe(true);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
  });
});

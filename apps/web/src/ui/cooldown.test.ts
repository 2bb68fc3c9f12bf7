import { describe, expect, it } from 'vitest';
import { describeWait, formatCountdown, secondsLeft } from './cooldown';

describe('secondsLeft', () => {
  it('counts whole seconds up to the end of the wait', () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
  });

  it('is zero once the wait is over, or when there is none', () => {
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 99_000)).toBe(0);
    expect(secondsLeft(null, 0)).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatCountdown(45)).toBe('0:45');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(723)).toBe('12:03');
  });
});

describe('describeWait', () => {
  it('says seconds for a short wait and minutes for a long one', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(45)).toBe('45 seconds');
    expect(describeWait(1800)).toBe('30 minutes');
  });
});

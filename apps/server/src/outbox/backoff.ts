/**
 * When a message that failed with a temporary error (4xx reply, network trouble) is tried again.
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the delay is uniform in [0, min(cap, base · 2^(attempt − 1))], so workers retrying after one
 * outage spread out instead of hammering the server together.
 */
export interface RetryPolicy {
  /** Ceiling of the first retry's delay. */
  baseDelayMs: number;
  /** No delay is ever longer than this. */
  maxDelayMs: number;
  /** After this many attempts a temporary error marks the message failed. */
  maxAttempts: number;
}

/**
 * 12 attempts with base 5 s and cap 1 h: ceilings 5 s, 10 s, … 2560 s, 3600 s, so an SMTP outage of
 * about an hour on average (2.4 h at most) is ridden out before a message is given up on. An admin
 * can still retry a failed message from the panel.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 12,
};

/** Milliseconds to wait after the `attempts`-th attempt (1-based) failed temporarily. */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** exponent overflows to Infinity long after the cap applies; min() keeps it finite.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** True when the message has used up its attempts and a temporary error should fail it. */
export function attemptsExhausted(attempts: number, policy: RetryPolicy): boolean {
  return attempts >= policy.maxAttempts;
}

/**
 * The limits of sign-ups and sign-ins (decision 013). A limit of 0 turns that limit off.
 *
 * - Sign-ups: per client address per hour.
 * - Sign-ins, counted BEFORE the password is checked, in one statement, so parallel guesses cannot
 *   all pass a check that reads the count first:
 *   - hard: per email + client address (RATE_LIMIT_LOGINS_PER_15_MIN), and per client address
 *     over all emails (IP_FACTOR times as many); past either, refused at once, nothing hashed;
 *   - soft: per email from everywhere. Past the limit each attempt waits a growing delay before its
 *     password is checked, never refused: a guesser spread over many addresses is slowed, and
 *     nobody can keep the owner, signing in from their own address, out of their account.
 * Client addresses are keyed by clientKey() (an IPv6 client by its /64).
 */
import type { Context } from '../context.js';
import { rateLimitedError } from '../errors.js';
import { clientKey } from './client-key.js';
import { type CounterState, hitCounter, hitCounters, refundCounters } from './counters.js';

const HOUR_MS = 60 * 60 * 1000;
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;
/** One address may fail this many times the per-email limit over all emails it tries. */
export const IP_FACTOR = 5;
/** The per-email delay: doubles from the base with each attempt past the limit, up to the cap. */
export const SLOWDOWN_BASE_MS = 500;
export const SLOWDOWN_MAX_MS = 10_000;

type LimitContext = Pick<Context, 'db' | 'config' | 'clientIp' | 'now'>;

function signInKeys(ctx: LimitContext, email: string) {
  const address = clientKey(ctx.clientIp);
  const normalized = email.trim().toLowerCase();
  return {
    pair: `login:pair:${normalized}|${address}`,
    address: `login:ip:${address}`,
    email: `login:email:${normalized}`,
  };
}

/** Counts this sign-up attempt; throws TOO_MANY_REQUESTS once the address is over its hourly limit. */
export async function consumeSignupAllowance(ctx: LimitContext): Promise<void> {
  const limit = ctx.config.rateLimits.signupsPerHour;
  if (limit === 0) return;
  const now = ctx.now();
  const state = await hitCounter(ctx.db, `signup:ip:${clientKey(ctx.clientIp)}`, HOUR_MS, now);
  if (state.count > limit) {
    throw tooMany(`Too many sign-ups from your network (${limit} an hour).`, state, now);
  }
}

export interface SignInAllowance {
  /** How long to wait before checking the password (the per-email slow-down); 0 mostly. */
  delayMs: number;
}

/**
 * Counts this sign-in attempt before any password is checked. Throws TOO_MANY_REQUESTS when this
 * email from this address, or this address over all emails, is past its limit.
 */
export async function countSignInAttempt(
  ctx: LimitContext,
  email: string,
): Promise<SignInAllowance> {
  const limit = ctx.config.rateLimits.loginsPer15Min;
  if (limit === 0) return { delayMs: 0 };
  const now = ctx.now();
  const keys = signInKeys(ctx, email);
  const counted = await hitCounters(
    ctx.db,
    [keys.pair, keys.address, keys.email],
    FIFTEEN_MINUTES_MS,
    now,
  );
  const state = (key: string) => counted.find((row) => row.key === key);
  const pair = state(keys.pair);
  if (pair !== undefined && pair.count > limit) {
    throw tooMany('Too many failed sign-ins for this email from your network.', pair, now);
  }
  const address = state(keys.address);
  if (address !== undefined && address.count > limit * IP_FACTOR) {
    throw tooMany('Too many failed sign-ins from your network.', address, now);
  }
  return { delayMs: slowdownMs(state(keys.email)?.count ?? 0, limit) };
}

/** The wait before the `count`th attempt on one email in a window checks its password. */
export function slowdownMs(count: number, limit: number): number {
  const over = count - limit;
  if (over <= 0) return 0;
  return Math.min(SLOWDOWN_BASE_MS * 2 ** Math.min(over - 1, 30), SLOWDOWN_MAX_MS);
}

/**
 * A successful sign-in takes its own attempt back: the email + address failures are forgiven, and
 * the address's and the email's counts lose the one attempt that was not a guess.
 */
export async function forgiveSignIn(ctx: LimitContext, email: string): Promise<void> {
  // Off means no counting, so nothing to forgive: a disabled limit costs no query.
  if (ctx.config.rateLimits.loginsPer15Min === 0) return;
  const keys = signInKeys(ctx, email);
  await refundCounters(ctx.db, { clear: [keys.pair], subtractOne: [keys.address, keys.email] });
}

export function tooMany(what: string, state: CounterState, now: Date) {
  const seconds = Math.max(1, Math.ceil((state.resetAt.getTime() - now.getTime()) / 1000));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return rateLimitedError(
    `${what} Try again in ${wait} (at ${state.resetAt.toISOString()}).`,
    seconds,
  );
}

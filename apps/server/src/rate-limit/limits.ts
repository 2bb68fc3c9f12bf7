/**
 * The limits docs/api.md names: sign-ups per client IP per hour, failed sign-ins per email and per IP
 * per 15 minutes. A limit of 0 turns that limit off.
 */
import type { Context } from '../context.js';
import { rateLimitedError } from '../errors.js';
import {
  type CounterState,
  clearCounter,
  hitCounter,
  hitCounters,
  peekCounters,
} from './counters.js';

const HOUR_MS = 60 * 60 * 1000;
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

type LimitContext = Pick<Context, 'db' | 'config' | 'clientIp' | 'now'>;

const loginKeys = (ctx: LimitContext, email: string) => [
  `login:email:${email.trim().toLowerCase()}`,
  `login:ip:${ctx.clientIp}`,
];

/** Counts this sign-up attempt; throws TOO_MANY_REQUESTS once the IP is over its hourly limit. */
export async function consumeSignupAllowance(ctx: LimitContext): Promise<void> {
  const limit = ctx.config.rateLimits.signupsPerHour;
  if (limit === 0) return;
  const now = ctx.now();
  const state = await hitCounter(ctx.db, `signup:ip:${ctx.clientIp}`, HOUR_MS, now);
  if (state.count > limit) {
    throw tooMany(`Too many sign-ups from your network (${limit} an hour).`, state, now);
  }
}

/** Refuses a sign-in before any password is checked while the email or the IP is locked out. */
export async function assertSignInAllowed(ctx: LimitContext, email: string): Promise<void> {
  const limit = ctx.config.rateLimits.loginsPer15Min;
  if (limit === 0) return;
  const now = ctx.now();
  const keys = loginKeys(ctx, email);
  const open = await peekCounters(ctx.db, keys, now);
  for (const key of keys) {
    const state = open.get(key);
    if (state !== undefined && state.count >= limit) {
      const who = key.startsWith('login:email:') ? 'this email' : 'your network';
      throw tooMany(`Too many failed sign-ins for ${who}.`, state, now);
    }
  }
}

export async function recordFailedSignIn(ctx: LimitContext, email: string): Promise<void> {
  if (ctx.config.rateLimits.loginsPer15Min === 0) return;
  await hitCounters(ctx.db, loginKeys(ctx, email), FIFTEEN_MINUTES_MS, ctx.now());
}

/** A successful sign-in forgives the email's failures (not the IP's: one IP may try many emails). */
export async function clearFailedSignIns(ctx: LimitContext, email: string): Promise<void> {
  // Off means no counting, so nothing to forgive: a disabled limit costs no query.
  if (ctx.config.rateLimits.loginsPer15Min === 0) return;
  const [emailKey] = loginKeys(ctx, email);
  if (emailKey !== undefined) await clearCounter(ctx.db, emailKey);
}

function tooMany(what: string, state: CounterState, now: Date) {
  const seconds = Math.max(1, Math.ceil((state.resetAt.getTime() - now.getTime()) / 1000));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return rateLimitedError(
    `${what} Try again in ${wait} (at ${state.resetAt.toISOString()}).`,
    seconds,
  );
}

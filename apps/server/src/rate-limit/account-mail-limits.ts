/**
 * Mail a person can make the server send to an address (verification, password reset, a change of
 * address): RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR per address, and four times that per client IP, so
 * nobody can use the site to bomb a mailbox, from one network or many. Counted on the address as
 * typed (lower-cased), whether or not an account has it: the count says nothing about accounts.
 */
import type { Context } from '../context.js';
import { clientKey } from './client-key.js';
import { hitCounters } from './counters.js';
import { tooMany } from './limits.js';

const HOUR_MS = 60 * 60 * 1000;
/** One network may serve several people (an office, a school): it gets more than one address. */
export const IP_MULTIPLIER = 4;

type LimitContext = Pick<Context, 'db' | 'config' | 'clientIp' | 'now'>;

/**
 * Counts one mail to `email`; throws TOO_MANY_REQUESTS once the address or the IP is over.
 * `alwaysCount` counts the address even with the limit off (0), for a caller that needs the write
 * whatever the settings: see requestPasswordReset.
 */
export async function consumeAccountMailAllowance(
  ctx: LimitContext,
  email: string,
  { alwaysCount = false }: { alwaysCount?: boolean } = {},
): Promise<void> {
  const limit = ctx.config.rateLimits.accountMailsPerHour;
  const now = ctx.now();
  const addressKey = `account-mail:email:${email.trim().toLowerCase()}`;
  if (limit === 0) {
    if (alwaysCount) await hitCounters(ctx.db, [addressKey], HOUR_MS, now);
    return;
  }
  const ipKey = `account-mail:ip:${clientKey(ctx.clientIp)}`;
  const states = await hitCounters(ctx.db, [addressKey, ipKey], HOUR_MS, now);
  for (const state of states) {
    const isAddress = state.key === addressKey;
    if (state.count > (isAddress ? limit : limit * IP_MULTIPLIER)) {
      const what = isAddress ? 'to this address' : 'from your network';
      throw tooMany(`Too many account emails ${what}.`, state, now);
    }
  }
}

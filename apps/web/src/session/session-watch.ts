/**
 * While a level request waits, the dashboard keeps asking the server who the person is, so an
 * approval shows up as new buttons without signing in again.
 */
import type { Level, PublicUser } from '@rolegate/core';

/** Often enough that an approval appears within seconds; cheap, as auth.me is one indexed read. */
export const PENDING_REFRESH_MS = 5_000;

export function sessionRefreshInterval(user: Pick<PublicUser, 'pending'> | null): number | false {
  return user?.pending ? PENDING_REFRESH_MS : false;
}

export interface Decision {
  outcome: 'approved' | 'denied';
  /** The level that was asked for. */
  level: Level;
  /** The level in force while the request waited. */
  from: Level;
}

type Watched = Pick<PublicUser, 'id' | 'role' | 'requestedRole' | 'pending'>;

/** What happened to the request that was pending in `before`, as seen in `after`; null if nothing. */
export function decisionBetween(before: Watched | null, after: Watched | null): Decision | null {
  if (!before || !after || before.id !== after.id) return null;
  if (!before.pending || after.pending || !before.requestedRole) return null;
  const outcome = after.role === before.requestedRole ? 'approved' : 'denied';
  return { outcome, level: before.requestedRole, from: before.role };
}

/**
 * Time-limited levels (decision 033): what a grant writes on the person's row. A grant that ends
 * remembers the level held before it; a second grant while one runs keeps that level, so a person
 * always returns to the level they held permanently. A permanent change forgets any grant.
 */
import { ACCESS_TABLE, GRANT_WARNING_DAYS, type Level } from '@rolegate/core';
import type { User } from '@rolegate/db';
import { fieldError } from '../errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface GrantColumns {
  role: Level;
  levelExpiresAt: Date | null;
  levelBeforeGrant: Level | null;
  levelExpiryWarnedAt: Date | null;
  updatedAt: Date;
}

/** The checked end of a grant: a moment after `now`, else BAD_REQUEST naming expiresAt. */
export function grantEnd(expiresAt: string | undefined, now: Date): Date | null {
  if (expiresAt === undefined) return null;
  const end = new Date(expiresAt);
  if (end.getTime() <= now.getTime()) {
    throw fieldError(
      'BAD_REQUEST',
      'expiresAt',
      `expiresAt must be in the future (it is ${end.toISOString()}; now is ${now.toISOString()}): choose a later date, or leave it out for a permanent level.`,
    );
  }
  return end;
}

/**
 * The columns that give `user` the level `role`, until `end` or for good. A grant that ends within
 * the warning period gets no "ends in three days" mail: the mail about the grant already says when.
 */
export function grantColumns(
  user: Pick<User, 'role' | 'levelExpiresAt' | 'levelBeforeGrant'>,
  role: Level,
  end: Date | null,
  now: Date,
): GrantColumns {
  if (end === null) {
    return {
      role,
      levelExpiresAt: null,
      levelBeforeGrant: null,
      levelExpiryWarnedAt: null,
      updatedAt: now,
    };
  }
  const warnedAlready = end.getTime() - now.getTime() <= GRANT_WARNING_DAYS * DAY_MS;
  return {
    role,
    levelExpiresAt: end,
    levelBeforeGrant:
      user.levelExpiresAt === null ? user.role : (user.levelBeforeGrant ?? user.role),
    levelExpiryWarnedAt: warnedAlready ? now : null,
    updatedAt: now,
  };
}

/** "power access until …" for messages. */
export function levelLabel(level: Level): string {
  return ACCESS_TABLE[level].label;
}

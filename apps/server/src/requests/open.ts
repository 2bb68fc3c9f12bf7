import { ACCESS_TABLE, isAbove, type Level } from '@rolegate/core';
import {
  constraints,
  type Executor,
  isUniqueViolation,
  type LevelRequest,
  type User,
} from '@rolegate/db';
import type { Logger } from 'pino';
import type { AppConfig } from '../env.js';
import { fieldError } from '../errors.js';
import { notifyAdminsOfLevelRequest } from '../notifications/notify.js';

export interface OpenLevelRequestInput {
  /** The person asking; the row as it is now (their current level decides what they may ask for). */
  user: User;
  role: Level;
  reason?: string | null | undefined;
  /** Warned when the request reaches nobody by mail. */
  logger?: Pick<Logger, 'warn'>;
  /** The request's clock: the admins' decision links count their lifetime from it. */
  now?: Date;
}

/**
 * Writes a pending request for a higher level and queues the admins' notification. Runs in the
 * caller's transaction (account.requestLevel): the request and the mail commit together or not at
 * all. Sign-up writes its request in its own single statement (accounts/sign-up-statement.ts).
 */
export async function openLevelRequest(
  db: Executor,
  config: AppConfig,
  { user, role, reason, logger, now }: OpenLevelRequestInput,
): Promise<LevelRequest> {
  if (!isAbove(role, user.role)) {
    throw fieldError(
      'BAD_REQUEST',
      'role',
      role === user.role
        ? `You already have ${ACCESS_TABLE[role].label}; ask for a higher level.`
        : `You already have ${ACCESS_TABLE[user.role].label}, which includes ${ACCESS_TABLE[role].label}; ask for a higher level.`,
    );
  }
  const pending = await findPendingRequestOf(db, user.id);
  if (pending) throw alreadyPending(pending);

  let request: LevelRequest;
  try {
    request = await db
      .insertInto('levelRequests')
      .values({ userId: user.id, requestedRole: role, reason: requestReason(reason) })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    // Two requests at the same moment: the partial unique index lets one through.
    if (isUniqueViolation(error, constraints.levelRequestsOnePendingPerUser)) {
      throw alreadyPending(null);
    }
    throw error;
  }
  await notifyAdminsOfLevelRequest(db, config, { request, user }, { logger, now });
  return request;
}

/** What is stored of the reason a person gave: trimmed, and null for nothing but spaces. */
export function requestReason(reason: string | null | undefined): string | null {
  return reason?.trim() || null;
}

export async function findPendingRequestOf(
  db: Executor,
  userId: string,
): Promise<LevelRequest | undefined> {
  return db
    .selectFrom('levelRequests')
    .selectAll()
    .where('userId', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

function alreadyPending(pending: LevelRequest | null) {
  const what = pending
    ? `for ${ACCESS_TABLE[pending.requestedRole].label} (since ${pending.createdAt.toISOString()})`
    : 'for a level';
  return fieldError(
    'CONFLICT',
    'role',
    `You already have a pending request ${what}; an admin has to decide it before you ask again.`,
  );
}

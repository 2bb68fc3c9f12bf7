import type { EntryCursor, RequestStatus } from '@rolegate/core';
import type { Executor, LevelRequest } from '@rolegate/db';
import { people } from '../accounts/person.js';
import { beyondCursor, createdAtMicros, splitPage } from '../entries/cursor.js';
import { nameOrEmailContains } from './search.js';

/**
 * Reads the request and locks its row until the transaction ends: two admins deciding at once take
 * turns, and the second one sees the first one's decision. Only meaningful inside a transaction.
 */
export async function findRequestForUpdate(
  db: Executor,
  requestId: string,
): Promise<LevelRequest | undefined> {
  return db
    .selectFrom('levelRequests')
    .selectAll()
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Requests with their requester (a person with their pending level: accounts/person.ts) and the
 * admin who decided, newest first. Every column the view needs, flat, in one query.
 */
export function selectRequestRows(db: Executor) {
  return db
    .selectFrom('levelRequests as r')
    .innerJoin(people(db).as('u'), 'u.id', 'r.userId')
    .leftJoin('users as d', 'd.id', 'r.decidedBy')
    .select([
      'r.id',
      'r.requestedRole',
      'r.reason',
      'r.status',
      'r.createdAt',
      'r.decidedAt',
      'r.denyReason',
      'u.id as userId',
      'u.email as userEmail',
      'u.name as userName',
      'u.role as userRole',
      'u.isAdmin as userIsAdmin',
      'u.createdAt as userCreatedAt',
      'u.emailVerified as userEmailVerified',
      'u.pendingRole as userPendingRole',
      'u.levelExpiresAt as userLevelExpiresAt',
      'd.id as deciderId',
      'd.name as deciderName',
      'd.email as deciderEmail',
    ])
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc');
}

export type RequestRow = Awaited<
  ReturnType<ReturnType<typeof selectRequestRows>['executeTakeFirstOrThrow']>
>;

export interface RequestsFilter {
  status?: RequestStatus | undefined;
  /** Part of the requester's name or email, any case. */
  q?: string | undefined;
  /** EMAIL_VERIFICATION=required: a request reaches the admins once its address is proven. */
  onlyVerified?: boolean;
}

/**
 * One page of requests, newest first, after the cursor (admin.requests). One extra row tells
 * whether another page follows; the (created_at, id) indexes make a page deep in the list as cheap
 * as the first.
 */
export async function listRequests(
  db: Executor,
  filter: RequestsFilter,
  page: { cursor: EntryCursor | undefined; limit: number },
): Promise<{ rows: RequestRow[]; next: EntryCursor | null }> {
  let query = selectRequestRows(db)
    .select(createdAtMicros('r').as('createdAtMicros'))
    .limit(page.limit + 1);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.q) query = query.where(nameOrEmailContains('u', filter.q));
  if (filter.onlyVerified) query = query.where('u.emailVerified', '=', true);
  if (page.cursor) query = query.where(beyondCursor('r', page.cursor, 'older'));
  const { rows, next } = splitPage(await query.execute(), page.limit);
  return { rows, next };
}

export async function findRequestRow(
  db: Executor,
  requestId: string,
): Promise<RequestRow | undefined> {
  return selectRequestRows(db).where('r.id', '=', requestId).executeTakeFirst();
}

/** The name of whoever decided a request, for the "already decided" message. */
export async function findDeciderName(db: Executor, request: LevelRequest): Promise<string | null> {
  if (!request.decidedBy) return null;
  const decider = await db
    .selectFrom('users')
    .select('name')
    .where('id', '=', request.decidedBy)
    .executeTakeFirst();
  return decider?.name ?? null;
}

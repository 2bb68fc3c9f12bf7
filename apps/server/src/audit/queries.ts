import type { EntryCursor } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';
import { beyondCursor, createdAtMicros, splitPage } from '../entries/cursor.js';

export interface AuditFilter {
  /** e.g. `level_request.approved`. */
  action?: string | undefined;
  actorId?: string | undefined;
  /** The row's subject_id; for a person's id, also the level requests that person made. */
  subjectId?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** subject_id is text; only a uuid can be compared with an id column (the cast refuses the rest). */
export function looksLikeUuid(text: string): boolean {
  return UUID.test(text);
}

function selectAuditRows(db: Executor) {
  return db
    .selectFrom('auditLog as l')
    .select([
      'l.id',
      'l.actorId',
      'l.action',
      'l.subjectType',
      'l.subjectId',
      'l.details',
      'l.createdAt',
      createdAtMicros('l').as('createdAtMicros'),
    ])
    .orderBy('l.createdAt', 'desc')
    .orderBy('l.id', 'desc');
}

export type AuditRow = Awaited<
  ReturnType<ReturnType<typeof selectAuditRows>['executeTakeFirstOrThrow']>
>;

/**
 * One page of the audit log, newest first, after the cursor (admin.audit, and the CSV export page
 * by page). One extra row tells whether another page follows.
 */
export async function listAudit(
  db: Executor,
  filter: AuditFilter,
  page: { cursor: EntryCursor | undefined; limit: number },
): Promise<{ rows: AuditRow[]; next: EntryCursor | null }> {
  let query = selectAuditRows(db).limit(page.limit + 1);
  if (filter.action) query = query.where('l.action', '=', filter.action);
  if (filter.actorId) query = query.where('l.actorId', '=', filter.actorId);
  const { subjectId } = filter;
  if (subjectId) {
    // A person's page links here with their id: what was done to them includes the decisions on
    // their level requests, whose subject is the request.
    query = looksLikeUuid(subjectId)
      ? query.where((eb) =>
          eb.or([
            eb('l.subjectId', '=', subjectId),
            eb.and([
              eb('l.subjectType', '=', 'level_request'),
              eb(
                'l.subjectId',
                'in',
                eb
                  .selectFrom('levelRequests')
                  .select(sql<string>`id::text`.as('id'))
                  .where('userId', '=', subjectId),
              ),
            ]),
          ]),
        )
      : query.where('l.subjectId', '=', subjectId);
  }
  if (page.cursor) query = query.where(beyondCursor('l', page.cursor, 'older'));
  return splitPage(await query.execute(), page.limit);
}

import type { Executor } from '@rolegate/db';
import { people } from '../accounts/person.js';
import { type AuditRow, looksLikeUuid } from './queries.js';

/** Who did something, or whom it was about; null once their account is gone (or for the system). */
export interface AuditPerson {
  id: string;
  name: string;
  email: string;
}

/** One audit row as admin.audit answers it (docs/api.md). */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: AuditPerson | null;
  action: string;
  /** What the row is about, as written: `user`, `level_request`, `entry`, … and its id. */
  subjectType: string;
  subjectId: string;
  /** The person it is about: the user, or the one who made the level request; else null. */
  subject: AuditPerson | null;
  details: Record<string, unknown>;
}

/** The rows with their actors and subjects, resolved in two queries for the whole page. */
export async function toAuditEntryViews(db: Executor, rows: AuditRow[]): Promise<AuditEntryView[]> {
  const requestIds = rows
    .filter((row) => row.subjectType === 'level_request' && looksLikeUuid(row.subjectId))
    .map((row) => row.subjectId);
  const requesters = new Map<string, string>();
  if (requestIds.length > 0) {
    const found = await db
      .selectFrom('levelRequests')
      .select(['id', 'userId'])
      .where('id', 'in', [...new Set(requestIds)])
      .execute();
    for (const request of found) requesters.set(request.id, request.userId);
  }
  const subjectPersonId = (row: AuditRow): string | null =>
    row.subjectType === 'user' && looksLikeUuid(row.subjectId)
      ? row.subjectId
      : row.subjectType === 'level_request'
        ? (requesters.get(row.subjectId) ?? null)
        : null;

  const personIds = new Set<string>();
  for (const row of rows) {
    if (row.actorId) personIds.add(row.actorId);
    const subject = subjectPersonId(row);
    if (subject) personIds.add(subject);
  }
  const byId = new Map<string, AuditPerson>();
  if (personIds.size > 0) {
    const found = await db
      .selectFrom(people(db).as('u'))
      .select(['u.id', 'u.name', 'u.email'])
      .where('u.id', 'in', [...personIds])
      .execute();
    for (const person of found) byId.set(person.id, person);
  }
  const person = (id: string | null) => (id === null ? null : (byId.get(id) ?? null));

  return rows.map((row) => ({
    id: row.id,
    at: row.createdAt.toISOString(),
    actor: person(row.actorId),
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subject: person(subjectPersonId(row)),
    details: row.details,
  }));
}

import type { AuditEntry, Executor } from '@rolegate/db';

export interface AuditRecord {
  /** Who did it; null for the system (e.g. the admin bootstrap at start). */
  actorId: string | null;
  /** What happened, as `<subject>.<verb>`: `level_request.approved`, `entry.deleted`. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** What a reader of the log needs to understand the change later, e.g. the old and new level. */
  details?: Record<string, unknown>;
}

/**
 * Appends one row to the audit log. Pass the transaction that makes the change, so the change and
 * its record commit or roll back together.
 */
export async function writeAudit(db: Executor, record: AuditRecord): Promise<AuditEntry> {
  return db
    .insertInto('auditLog')
    .values({
      actorId: record.actorId,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId,
      details: JSON.stringify(record.details ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

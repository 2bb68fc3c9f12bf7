/**
 * The audit log as CSV (GET /admin/audit.csv): every matching row, read and written a page at a
 * time, so the export of a long log never sits in memory whole. csv-stringify does the quoting
 * (RFC 4180: commas, quotes and line breaks inside a cell); this file makes formulas inert.
 */
import type { Executor } from '@rolegate/db';
import { stringify } from 'csv-stringify/sync';
import { type AuditFilter, listAudit } from './queries.js';
import { type AuditEntryView, toAuditEntryViews } from './views.js';

/** Rows read per query while exporting. */
export const CSV_PAGE_ROWS = 500;

const COLUMNS = [
  'id',
  'at',
  'action',
  'actor_id',
  'actor_name',
  'actor_email',
  'subject_type',
  'subject_id',
  'subject_name',
  'subject_email',
  'details',
] as const;

/**
 * A cell a spreadsheet would run as a formula (OWASP, "CSV Injection": it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'`, so it is shown as the text it is.
 */
export function inertCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function toRecord(entry: AuditEntryView): string[] {
  return [
    entry.id,
    entry.at,
    entry.action,
    entry.actor?.id ?? '',
    entry.actor?.name ?? '',
    entry.actor?.email ?? '',
    entry.subjectType,
    entry.subjectId,
    entry.subject?.name ?? '',
    entry.subject?.email ?? '',
    JSON.stringify(entry.details),
  ].map(inertCell);
}

/** The file's text in chunks: the header row, then one chunk per page of the log, newest first. */
export async function* auditCsvChunks(
  db: Executor,
  filter: AuditFilter,
  pageRows = CSV_PAGE_ROWS,
): AsyncGenerator<string> {
  // The byte-order mark tells Excel the file is UTF-8 (names are not all ASCII); CRLF as RFC 4180.
  yield stringify([[...COLUMNS]], { bom: true, record_delimiter: 'windows' });
  let cursor: Parameters<typeof listAudit>[2]['cursor'];
  do {
    const { rows, next } = await listAudit(db, filter, { cursor, limit: pageRows });
    const entries = await toAuditEntryViews(db, rows);
    if (entries.length > 0) yield stringify(entries.map(toRecord), { record_delimiter: 'windows' });
    cursor = next ?? undefined;
  } while (cursor);
}

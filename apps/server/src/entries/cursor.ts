/**
 * The SQL side of the (created_at, id) cursors of every newest-first list: entries, proposals, and
 * the admin lists (packages/core/src/page-inputs.ts has the codec and inputs). `alias` is the table's.
 */

import type { EntryCursor } from '@rolegate/core';
import { sql } from 'kysely';

/** A row's page key as text in whole microseconds: a JavaScript number would be a detour. */
export function createdAtMicros(alias: string) {
  return sql<string>`(extract(epoch from ${sql.ref(`${alias}.created_at`)}) * 1000000)::bigint::text`;
}

/** Rows strictly before (`older`) or after (`newer`) the cursor in (created_at, id) order. */
export function beyondCursor(alias: string, cursor: EntryCursor, side: 'older' | 'newer') {
  return sql<boolean>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) ${sql.raw(side === 'older' ? '<' : '>')} (timestamptz 'epoch' + ${cursor.createdAtMicros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`;
}

/**
 * A page read with `limit + 1` rows: the extra row only tells that another page follows, and the
 * page's last row is where it starts.
 */
export function splitPage<Row extends { createdAtMicros: string; id: string }>(
  fetched: Row[],
  limit: number,
): { rows: Row[]; next: EntryCursor | null } {
  const rows = fetched.slice(0, limit);
  const last = rows.at(-1);
  const next =
    fetched.length > limit && last ? { createdAtMicros: last.createdAtMicros, id: last.id } : null;
  return { rows, next };
}

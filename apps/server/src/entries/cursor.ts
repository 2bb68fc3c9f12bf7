/** The SQL side of the entry cursors (packages/core/src/page-inputs.ts has the codec and inputs). */

import type { EntryCursor } from '@rolegate/core';
import { sql } from 'kysely';

/** A row's page key as text in whole microseconds: a JavaScript number would be a detour. */
export function createdAtMicros(alias: 'e' | 'p') {
  return sql<string>`(extract(epoch from ${sql.ref(`${alias}.created_at`)}) * 1000000)::bigint::text`;
}

/** Rows strictly before (`older`) or after (`newer`) the cursor in (created_at, id) order. */
export function beyondCursor(alias: 'e' | 'p', cursor: EntryCursor, side: 'older' | 'newer') {
  return sql<boolean>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) ${sql.raw(side === 'older' ? '<' : '>')} (timestamptz 'epoch' + ${cursor.createdAtMicros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`;
}

import { sql } from 'kysely';
import { z } from 'zod';

/**
 * A page boundary in the newest-first list: the last entry's creation time in whole microseconds
 * (Postgres's precision, which a JavaScript Date would round away) and its id, to break ties.
 * Encoded as base64url so clients treat it as opaque.
 */
export interface EntryCursor {
  createdAtMicros: string;
  id: string;
}

const CURSOR_PATTERN =
  /^(\d{1,17}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(cursor: EntryCursor): string {
  return Buffer.from(`${cursor.createdAtMicros}:${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): EntryCursor | null {
  const match = CURSOR_PATTERN.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return null;
  return { createdAtMicros: match[1], id: match[2] };
}

/** A row's page key as text in whole microseconds: a JavaScript number would be a detour. */
export function createdAtMicros(alias: 'e' | 'p') {
  return sql<string>`(extract(epoch from ${sql.ref(`${alias}.created_at`)}) * 1000000)::bigint::text`;
}

/** Rows strictly before (`older`) or after (`newer`) the cursor in (created_at, id) order. */
export function beyondCursor(alias: 'e' | 'p', cursor: EntryCursor, side: 'older' | 'newer') {
  return sql<boolean>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) ${sql.raw(side === 'older' ? '<' : '>')} (timestamptz 'epoch' + ${cursor.createdAtMicros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`;
}

export const ENTRIES_PAGE_DEFAULT = 20;
export const ENTRIES_PAGE_MAX = 100;

const NOT_A_CURSOR = 'cursor must be the nextCursor or previousCursor of a page.';

const cursorSchema = z
  .string({ error: NOT_A_CURSOR })
  .max(200, { error: NOT_A_CURSOR })
  .transform((text, context) => {
    const cursor = decodeCursor(text);
    if (cursor) return cursor;
    context.addIssue({
      code: 'custom',
      message: `${NOT_A_CURSOR} Leave it out (or null) for the first page.`,
    });
    return z.NEVER;
  });

export const PROPOSALS_PAGE_DEFAULT = 50;
export const PROPOSALS_PAGE_MAX = 100;
const PROPOSALS_LIMIT = `limit must be a whole number from 1 to ${PROPOSALS_PAGE_MAX}.`;

/** A page of proposals (the review queue, a person's own): `cursor` is the last page's nextCursor. */
export const proposalsPageInput = z
  .strictObject({
    cursor: cursorSchema.nullish(),
    limit: z
      .int({ error: PROPOSALS_LIMIT })
      .min(1, { error: PROPOSALS_LIMIT })
      .max(PROPOSALS_PAGE_MAX, { error: PROPOSALS_LIMIT })
      .optional(),
    // useInfiniteQuery sends a direction with every page; proposals page one way only.
    direction: z.enum(['forward'], { error: 'direction is forward.' }).optional(),
  })
  .optional();

export function proposalsPage(input: z.output<typeof proposalsPageInput>) {
  return { cursor: input?.cursor ?? undefined, limit: input?.limit ?? PROPOSALS_PAGE_DEFAULT };
}

export const proposalMailInput = z.strictObject({
  proposalOutcomes: z.boolean({ error: 'proposalOutcomes is true or false.' }),
});

/**
 * tRPC's infinite-query shape (what `useInfiniteQuery` sends): `cursor` is null or absent for the
 * first page, and `direction` says which way to page from it. Any other key is still refused.
 */
export const listEntriesInput = z
  .strictObject({
    cursor: cursorSchema.nullish(),
    direction: z
      .enum(['forward', 'backward'], { error: 'direction is forward or backward.' })
      .optional(),
    limit: z
      .int({ error: `limit must be a whole number from 1 to ${ENTRIES_PAGE_MAX}.` })
      .min(1, { error: `limit must be a whole number from 1 to ${ENTRIES_PAGE_MAX}.` })
      .max(ENTRIES_PAGE_MAX, {
        error: `limit must be a whole number from 1 to ${ENTRIES_PAGE_MAX}.`,
      })
      .optional(),
  })
  .optional();

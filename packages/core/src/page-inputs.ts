/**
 * Paging inputs: the opaque cursors of entries.list, entries.reviewQueue and entries.myProposals.
 * Here, beside the other input schemas, so the web app can check a page request as the server does.
 */
import { z } from 'zod';

/**
 * A page boundary in the newest-first list: the last row's creation time in whole microseconds
 * (Postgres's precision, which a JavaScript Date would round away) and its id, to break ties.
 * Encoded as base64url so clients treat it as opaque.
 */
export interface EntryCursor {
  createdAtMicros: string;
  id: string;
}

const CURSOR_PATTERN =
  /^(\d{1,17}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

// btoa/atob rather than Buffer: the same code runs in the browser. The text is ASCII.
export function encodeCursor(cursor: EntryCursor): string {
  return btoa(`${cursor.createdAtMicros}:${cursor.id}`)
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export function decodeCursor(text: string): EntryCursor | null {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  let decoded: string;
  try {
    decoded = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  } catch {
    return null;
  }
  const match = CURSOR_PATTERN.exec(decoded);
  if (!match?.[1] || !match[2]) return null;
  return { createdAtMicros: match[1], id: match[2] };
}

export const ENTRIES_PAGE_DEFAULT = 20;
export const ENTRIES_PAGE_MAX = 100;
export const PROPOSALS_PAGE_DEFAULT = 50;
export const PROPOSALS_PAGE_MAX = 100;

const NOT_A_CURSOR = 'cursor must be the nextCursor or previousCursor of a page.';

/** An opaque page cursor (nextCursor of the page before), decoded; refused with a message naming `cursor`. */
export const cursorSchema = z
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

/** `limit`: a whole number from 1 to `max`, refused with a message naming `limit`. */
export const limitSchema = (max: number) => {
  const message = `limit must be a whole number from 1 to ${max}.`;
  return z.int({ error: message }).min(1, { error: message }).max(max, { error: message });
};

/** A page of proposals (the review queue, a person's own): `cursor` is the last page's nextCursor. */
export const proposalsPageInput = z
  .strictObject({
    cursor: cursorSchema.nullish(),
    limit: limitSchema(PROPOSALS_PAGE_MAX).optional(),
    // useInfiniteQuery sends a direction with every page; proposals page one way only.
    direction: z.enum(['forward'], { error: 'direction is forward.' }).optional(),
  })
  .optional();

export function proposalsPage(input: z.output<typeof proposalsPageInput>) {
  return { cursor: input?.cursor ?? undefined, limit: input?.limit ?? PROPOSALS_PAGE_DEFAULT };
}

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
    limit: limitSchema(ENTRIES_PAGE_MAX).optional(),
  })
  .optional();

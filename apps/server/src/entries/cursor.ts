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

export const ENTRIES_PAGE_DEFAULT = 20;
export const ENTRIES_PAGE_MAX = 100;

const cursorSchema = z
  .string({ error: 'cursor must be the nextCursor of a previous page.' })
  .max(200, { error: 'cursor must be the nextCursor of a previous page.' })
  .transform((text, context) => {
    const cursor = decodeCursor(text);
    if (cursor) return cursor;
    context.addIssue({
      code: 'custom',
      message: 'cursor must be the nextCursor of a previous page; leave it out for the first page.',
    });
    return z.NEVER;
  });

export const listEntriesInput = z
  .strictObject({
    cursor: cursorSchema.optional(),
    limit: z
      .int({ error: `limit must be a whole number from 1 to ${ENTRIES_PAGE_MAX}.` })
      .min(1, { error: `limit must be a whole number from 1 to ${ENTRIES_PAGE_MAX}.` })
      .max(ENTRIES_PAGE_MAX, {
        error: `limit must be a whole number from 1 to ${ENTRIES_PAGE_MAX}.`,
      })
      .optional(),
  })
  .optional();

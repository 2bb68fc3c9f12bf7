import type { EntryCursor } from '@rolegate/core';
import type { Entry, Executor } from '@rolegate/db';
import { sql } from 'kysely';
import { beyondCursor, createdAtMicros } from './cursor.js';

/** Entries with their authors' names and the page key, newest first (ties broken by id). */
export function selectEntryRows(db: Executor) {
  return db
    .selectFrom('entries as e')
    .leftJoin('users as c', 'c.id', 'e.createdBy')
    .leftJoin('users as m', 'm.id', 'e.updatedBy')
    .select([
      'e.id',
      'e.title',
      'e.body',
      'e.createdAt',
      'e.updatedAt',
      'e.version',
      'c.id as creatorId',
      'c.name as creatorName',
      'm.id as updaterId',
      'm.name as updaterName',
      createdAtMicros('e').as('createdAtMicros'),
    ])
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id', 'desc');
}

export type EntryRow = Awaited<
  ReturnType<ReturnType<typeof selectEntryRows>['executeTakeFirstOrThrow']>
>;

export type PageDirection = 'forward' | 'backward';

export interface EntriesPage {
  /** Newest first, whichever way the page was read. */
  rows: EntryRow[];
  /** Where the page of older entries starts (paging forward), or null when there are none. */
  next: EntryCursor | null;
  /** Where the page of newer entries starts (paging backward), or null when there are none. */
  previous: EntryCursor | null;
}

type Side = 'older' | 'newer';

const beyond = (cursor: EntryCursor, side: Side) => beyondCursor('e', cursor, side);

async function anyBeyond(db: Executor, cursor: EntryCursor, side: Side): Promise<boolean> {
  const row = await db
    .selectFrom('entries as e')
    .select(sql<number>`1`.as('one'))
    .where(beyond(cursor, side))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const keyOf = (row: EntryRow | undefined): EntryCursor | undefined =>
  row && { createdAtMicros: row.createdAtMicros, id: row.id };

/**
 * One page from a cursor: `forward` reads the older entries after it, `backward` the newer ones
 * before it (tRPC's infinite-query directions). Without a cursor it is the newest page.
 */
export async function listEntries(
  db: Executor,
  page: { cursor?: EntryCursor | undefined; direction: PageDirection; limit: number },
): Promise<EntriesPage> {
  const { cursor, limit } = page;
  const backward = page.direction === 'backward' && cursor !== undefined;
  let query = selectEntryRows(db).limit(limit + 1);
  if (cursor) query = query.where(beyond(cursor, backward ? 'newer' : 'older'));
  if (backward) query = query.clearOrderBy().orderBy('e.createdAt').orderBy('e.id');
  const fetched = await query.execute();
  const rows = fetched.slice(0, limit);
  if (backward) rows.reverse();
  // The extra row tells whether more follow the way the page was read; the other way, only a
  // cursor can have left entries behind, and one more query tells.
  const more = fetched.length > limit;
  const newest = keyOf(rows[0]) ?? cursor;
  const oldest = keyOf(rows.at(-1)) ?? cursor;
  let next: EntryCursor | null = null;
  let previous: EntryCursor | null = null;
  if (backward) {
    if (more && newest) previous = newest;
    if (oldest && (await anyBeyond(db, oldest, 'older'))) next = oldest;
  } else {
    if (more && oldest) next = oldest;
    if (cursor && newest && (await anyBeyond(db, newest, 'newer'))) previous = newest;
  }
  return { rows, next, previous };
}

export async function findEntryRow(db: Executor, id: string): Promise<EntryRow | undefined> {
  return selectEntryRows(db).where('e.id', '=', id).executeTakeFirst();
}

export async function findEntryForUpdate(db: Executor, id: string): Promise<Entry | undefined> {
  return db.selectFrom('entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertEntry(
  db: Executor,
  entry: { title: string; body: string; authorId: string },
): Promise<Entry> {
  return db
    .insertInto('entries')
    .values({
      title: entry.title,
      body: entry.body,
      createdBy: entry.authorId,
      updatedBy: entry.authorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Overwrites an entry's content; undefined when no entry has that id. */
export async function updateEntry(
  db: Executor,
  change: { id: string; title: string; body: string; authorId: string },
): Promise<Entry | undefined> {
  return db
    .updateTable('entries')
    .set({
      title: change.title,
      body: change.body,
      updatedBy: change.authorId,
      updatedAt: sql<Date>`now()`,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', change.id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes an entry (its proposals stay, without entryId: withdraw.ts); undefined if none has the id. */
export async function deleteEntry(db: Executor, id: string): Promise<Entry | undefined> {
  return db.deleteFrom('entries').where('id', '=', id).returningAll().executeTakeFirst();
}

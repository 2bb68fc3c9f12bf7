import type { Entry, Executor } from '@rolegate/db';
import { sql } from 'kysely';
import type { EntryCursor } from './cursor.js';

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
      // As text: whole microseconds overflow nothing, but a JavaScript number would be a detour.
      sql<string>`(extract(epoch from e.created_at) * 1000000)::bigint::text`.as('createdAtMicros'),
    ])
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id', 'desc');
}

export type EntryRow = Awaited<
  ReturnType<ReturnType<typeof selectEntryRows>['executeTakeFirstOrThrow']>
>;

export interface EntriesPage {
  rows: EntryRow[];
  /** Where the next page starts, or null when this was the last one. */
  next: EntryCursor | null;
}

export async function listEntries(
  db: Executor,
  page: { cursor?: EntryCursor | undefined; limit: number },
): Promise<EntriesPage> {
  let query = selectEntryRows(db).limit(page.limit + 1);
  const cursor = page.cursor;
  if (cursor) {
    query = query.where(
      sql<boolean>`(e.created_at, e.id) < (timestamptz 'epoch' + ${cursor.createdAtMicros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`,
    );
  }
  const rows = await query.execute();
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  const next =
    rows.length > page.limit && last
      ? { createdAtMicros: last.createdAtMicros, id: last.id }
      : null;
  return { rows: pageRows, next };
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

/** Deletes an entry (its open proposals go with it); undefined when no entry has that id. */
export async function deleteEntry(db: Executor, id: string): Promise<Entry | undefined> {
  return db.deleteFrom('entries').where('id', '=', id).returningAll().executeTakeFirst();
}

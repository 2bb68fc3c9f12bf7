import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The PGlite behind each Kysely that createDbFromPGlite made. */
const pglites = new WeakMap<Kysely<Database>, PGlite>();

export function rememberPGlite(db: Kysely<Database>, pglite: PGlite): void {
  pglites.set(db, pglite);
}

/**
 * LISTEN for a database that lives in this process (PGlite): a NOTIFY from any query, committed,
 * reaches `onNotify` as soon as that query returns. Resolves with the function that stops
 * listening, or null for a Postgres server, where LISTEN needs a connection of its own (a pooled
 * one is handed to other work and loses it).
 */
export async function listenInProcess(
  db: Kysely<Database>,
  channel: string,
  onNotify: () => void,
): Promise<(() => Promise<void>) | null> {
  const pglite = pglites.get(db);
  if (pglite === undefined) return null;
  const unlisten = await pglite.listen(channel, () => onNotify());
  return () => unlisten();
}

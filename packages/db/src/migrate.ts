import type { Kysely } from 'kysely';
import {
  type MigrationResult,
  type MigrationResultSet,
  Migrator,
  NO_MIGRATIONS,
} from 'kysely/migration';
import { migrations } from './migrations/index.js';

/** A migration failed; its name is in the message and in `migrationName`, the database's error in `cause`. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly migrationName: string | undefined,
    readonly direction: 'Up' | 'Down',
    cause: unknown,
  ) {
    const what = migrationName ? `migration "${migrationName}"` : 'migrations';
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${what} failed (${direction.toLowerCase()}): ${reason}`, { cause });
  }
}

/** What ran, in order (empty when there was nothing to do). */
export type MigrationResults = readonly MigrationResult[];

// Generic over the schema: migrations only use the schema builder and raw SQL, so any Kysely works.
function migratorFor<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
  });
}

function unwrap(resultSet: MigrationResultSet, direction: 'Up' | 'Down'): MigrationResults {
  const results = resultSet.results ?? [];
  if (resultSet.error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, direction, resultSet.error);
  }
  return results;
}

/** Applies every migration not yet applied, each in its own transaction. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResults> {
  return unwrap(await migratorFor(db).migrateToLatest(), 'Up');
}

/** Undoes the last applied migration. */
export async function migrateDown<DB>(db: Kysely<DB>): Promise<MigrationResults> {
  return unwrap(await migratorFor(db).migrateDown(), 'Down');
}

/** Undoes every migration: an empty database (kysely's own bookkeeping tables stay). */
export async function migrateToNothing<DB>(db: Kysely<DB>): Promise<MigrationResults> {
  return unwrap(await migratorFor(db).migrateTo(NO_MIGRATIONS), 'Down');
}

/** Down to nothing, then up to the latest: every table empty and the schema current. */
export async function resetDatabase<DB>(db: Kysely<DB>): Promise<MigrationResults> {
  const down = await migrateToNothing(db);
  const up = await migrateToLatest(db);
  return [...down, ...up];
}

/** The names of all migrations this build knows, in the order they run. */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}

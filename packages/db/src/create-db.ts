import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { parseDatabaseUrl } from './database-url.js';
import { rememberPGlite } from './in-process-listen.js';
import { readSavedDataDir } from './pglite-datadir.js';
import type { Database } from './schema.js';

/**
 * What queries take: the database or a transaction (a Transaction is a Kysely too), so one plain
 * function runs inside a transaction or outside it.
 */
export type Executor = Kysely<Database>;

export interface CreateDbOptions {
  /** Postgres only: connections in the pg pool. Default 10. */
  poolSize?: number;
  /**
   * Postgres only: a pooled connection failed (the server restarted, a proxy dropped it, an
   * admin ran pg_terminate_backend) while idle, or while checked out but between queries (inside a
   * transaction). The pool discards that connection; without a listener Node would crash the
   * process. Default: print to stderr.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/** Postgres's bigint (OID 20): count(*) and sum() come back as it. */
const INT8_OID = 20;

/**
 * Opens the database DATABASE_URL names: `postgres://` / `postgresql://` through a pg Pool, unset or
 * `pglite:<dir>` / `pglite:memory:` through embedded PGlite. `db.destroy()` closes the pool or PGlite.
 */
export async function createDb(
  url: string | undefined = undefined,
  options: CreateDbOptions = {},
): Promise<Kysely<Database>> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'postgres') return createPostgresDb(target.url, options);
  if (target.dataDir === undefined) return createDbFromPGlite(await PGlite.create());
  const dataDir = target.dataDir;
  const fresh = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  mkdirSync(dataDir, { recursive: true });
  const saved = fresh ? await readSavedDataDir() : undefined;
  const pglite = await PGlite.create(saved ? { dataDir, loadDataDir: saved } : { dataDir });
  return createDbFromPGlite(pglite);
}

/** Wraps an open PGlite (e.g. a clone made for a test); destroying the Kysely closes it. */
export function createDbFromPGlite(pglite: PGlite): Kysely<Database> {
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(pglite),
    plugins: [new CamelCasePlugin()],
  });
  rememberPGlite(db, pglite);
  return db;
}

function createPostgresDb(url: string, options: CreateDbOptions): Kysely<Database> {
  const poolSize = options.poolSize ?? 10;
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new RangeError(`createDb: poolSize must be a whole number ≥ 1, got ${poolSize}.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: { getTypeParser: pgTypeParser },
  });
  const onError =
    options.onIdleConnectionError ??
    ((error: Error) => console.error('[@rolegate/db] idle Postgres connection failed:', error));
  pool.on('error', onError);
  // The pool listens for errors only on idle clients. A checked-out client that loses its server
  // between queries emits 'error' too, and unheard that kills the process: listen while it is out.
  // Its next query fails (the caller sees that error) and the pool drops it when it comes back.
  pool.on('acquire', (client) => client.on('error', onError));
  pool.on('release', (_error, client) => client.off('error', onError));
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * Read bigint as a number, as PGlite already does (pg alone would return a string), so code and tests
 * written on one dialect hold on the other. Counts stay far below 2^53.
 */
function parseInt8(value: string): number {
  return Number(value);
}

const pgTypeParser: typeof pg.types.getTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === INT8_OID && format !== 'binary') return parseInt8;
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
}) as typeof pg.types.getTypeParser;

/**
 * A fresh Postgres database per test file on DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres), and kysely on it for assertions. The server
 * processes run the migrations themselves at start, as in production.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Executor } from '@rolegate/db';
import pg from 'pg';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The Postgres server this suite uses, or null when the run has none (see vitest.config.ts). */
export function postgresServerUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url) ? url : null;
}

export function requirePostgresUrl(): string {
  const url = postgresServerUrl();
  if (url === null) {
    throw new Error(
      'This reliability case needs Postgres (several processes share one database): set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.',
    );
  }
  return url;
}

/** Fails fast, with the fix, when the Postgres server does not answer within 5 s. */
export async function assertPostgresAnswers(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `The reliability suite needs Postgres, and ${redact(serverUrl)} does not answer (${error instanceof Error ? error.message : String(error)}). Start Postgres, or unset DATABASE_URL to run only the cases that need none.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export interface CaseDatabase {
  dialect: 'postgres' | 'pglite';
  /** DATABASE_URL for the server and worker processes. */
  url: string;
  /** The database's name on the server (for pg_terminate_backend and the like). */
  name: string;
  /** Kysely on the database for assertions (opened lazily: the servers migrate it first). */
  db(): Promise<Executor>;
  /** Runs a statement on the server's maintenance database (e.g. pg_terminate_backend). */
  admin<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Closes the connections and drops the database, forcing out any process still on it. */
  drop(): Promise<void>;
}

/**
 * rolegate_r_<time base 36>_<random>: apart from the db package's rolegate_t_ test databases.
 * `allowPglite`: without Postgres, a PGlite directory instead, for one server process and no
 * direct SQL (PGlite is one process's database); db() and admin() then throw. `serverUrl`: another
 * Postgres server than DATABASE_URL's (e.g. a private cluster a case restarts).
 */
export async function createCaseDatabase(
  options: { allowPglite?: boolean; serverUrl?: string } = {},
): Promise<CaseDatabase> {
  if (options.serverUrl === undefined && options.allowPglite && postgresServerUrl() === null) {
    return createPgliteDirectory();
  }
  const serverUrl = options.serverUrl ?? requirePostgresUrl();
  const name = `rolegate_r_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let kysely: Executor | null = null;
  return {
    dialect: 'postgres',
    url: url.toString(),
    name,
    async db() {
      kysely ??= await createDb(url.toString(), { poolSize: 4 });
      return kysely;
    },
    admin,
    async drop() {
      await kysely?.destroy();
      kysely = null;
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

async function createPgliteDirectory(): Promise<CaseDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-reliability-pglite-'));
  const needsPostgres = (): never => {
    throw new Error(
      'Direct SQL needs Postgres: the PGlite directory belongs to the server process.',
    );
  };
  return {
    dialect: 'pglite',
    url: `pglite:${dir}`,
    name: dir,
    db: async () => needsPostgres(),
    admin: async () => needsPostgres(),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

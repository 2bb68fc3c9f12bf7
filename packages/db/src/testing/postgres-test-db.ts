/**
 * A throwaway database on a real Postgres server, one per test file, so files run in parallel
 * without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';

export interface PostgresTestDb {
  db: Kysely<Database>;
  url: string;
  destroy(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const PREFIX = 'rolegate_t_';
/** A test database this old was left by a test process that was killed before its afterAll. */
const ABANDONED_AFTER_MS = 2 * 60 * 60 * 1000;

/** rolegate_t_<creation time, base 36>_<random>: the time lets a later run tell what was abandoned. */
function testDatabaseName(): string {
  return `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function createdAt(name: string): number | undefined {
  const stamp = /^rolegate_t_([0-9a-z]+)_[0-9a-f]+$/.exec(name)?.[1];
  return stamp === undefined ? undefined : Number.parseInt(stamp, 36);
}

/** Drops test databases abandoned long ago and unused, so killed runs do not pile up on a server. */
async function dropAbandoned(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database d where datname like 'rolegate\\_t\\_%'
         and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`,
    );
    for (const { datname } of rows) {
      const created = createdAt(datname);
      if (created === undefined || Date.now() - created < ABANDONED_AFTER_MS) continue;
      // Another run may be sweeping the same one: losing that race is fine.
      await client.query(`drop database if exists ${datname}`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** Creates rolegate_t_<time>_<random> on the server `serverUrl` points at, migrated; destroy() drops it. */
export async function createPostgresTestDb(serverUrl: string): Promise<PostgresTestDb> {
  await dropAbandoned(serverUrl);
  const name = testDatabaseName();
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // A handful of connections: enough for the concurrency tests, few enough for many files at once.
  const db = await createDb(url.toString(), { poolSize: 4 });
  const destroy = async (): Promise<void> => {
    await db.destroy();
    // FORCE: a test that failed mid-transaction may still hold a connection.
    await onServer(serverUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await destroy();
    throw error;
  }
  return { db, url: url.toString(), destroy };
}

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

/** Creates rolegate_t_<random> on the server `serverUrl` points at, migrated; destroy() drops it. */
export async function createPostgresTestDb(serverUrl: string): Promise<PostgresTestDb> {
  const name = `rolegate_t_${randomBytes(6).toString('hex')}`;
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

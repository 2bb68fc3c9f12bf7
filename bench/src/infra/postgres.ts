/** A fresh database per scenario on the Postgres server the bench was pointed at. */
import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest } from '@rolegate/db';
import pg from 'pg';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** DATABASE_URL when it names a Postgres server, else the local default. */
export function postgresServerUrl(databaseUrl: string | undefined): string {
  return databaseUrl !== undefined && /^postgres(ql)?:\/\//i.test(databaseUrl)
    ? databaseUrl
    : DEFAULT_POSTGRES_URL;
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The benchmark needs Postgres at ${serverUrl} (set DATABASE_URL to another postgres:// server): ${(error as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function postgresVersion(serverUrl: string): Promise<string> {
  return onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
  });
}

/** An empty database, or a migrated one with `migrate`; drop() removes it even if still in use. */
export async function createDatabase(
  serverUrl: string,
  options: { migrate: boolean },
): Promise<BenchDatabase> {
  const name = `rolegate_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    onServer(serverUrl, (client) =>
      client.query(`drop database if exists ${name} with (force)`),
    ).then(() => undefined);
  if (options.migrate) {
    const db = await createDb(url.toString(), { poolSize: 1 });
    try {
      await migrateToLatest(db);
    } catch (error) {
      await drop();
      throw error;
    } finally {
      await db.destroy();
    }
  }
  return { name, url: url.toString(), drop };
}

/**
 * Test support (`@rolegate/db/testing`): a fresh, migrated database per test file, on every dialect
 * this machine offers.
 *
 *   describe.each(testDialects())('%s', (dialect) => {
 *     let t: TestDb;
 *     beforeAll(async () => { t = await createTestDb({ dialect }); });
 *     afterAll(() => t.destroy());
 *   });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { clonePGliteDb } from './pglite-template.js';
import { createPostgresTestDb } from './postgres-test-db.js';

export type TestDialect = 'pglite' | 'postgres';

export interface TestDb {
  db: Kysely<Database>;
  /** A DATABASE_URL that reaches this database (`pglite:memory:` is a different, empty one). */
  url: string;
  dialect: TestDialect;
  /** Closes the connection(s); on Postgres also drops the database. */
  destroy(): Promise<void>;
}

/** The Postgres server tests may use: TEST_DATABASE_URL, else DATABASE_URL, if it is a postgres:// URL. */
export function testServerUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url) ? url : undefined;
}

/** The dialects to run a suite on: always PGlite, and Postgres when a server URL is set. */
export function testDialects(): TestDialect[] {
  return testServerUrl() === undefined ? ['pglite'] : ['pglite', 'postgres'];
}

/**
 * A fresh migrated database for one test file. Without `dialect`: Postgres when a server URL is set
 * (as in CI), else in-memory PGlite.
 */
export async function createTestDb(options: { dialect?: TestDialect } = {}): Promise<TestDb> {
  const serverUrl = testServerUrl();
  const dialect = options.dialect ?? (serverUrl === undefined ? 'pglite' : 'postgres');
  if (dialect === 'postgres') {
    if (serverUrl === undefined) {
      throw new Error(
        'createTestDb({ dialect: "postgres" }) needs DATABASE_URL (or TEST_DATABASE_URL) set to a postgres:// URL.',
      );
    }
    const created = await createPostgresTestDb(serverUrl);
    return { ...created, dialect };
  }
  const db = await clonePGliteDb();
  return { db, url: 'pglite:memory:', dialect, destroy: () => db.destroy() };
}

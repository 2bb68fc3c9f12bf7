import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from './index.js';

/**
 * A migration that has run somewhere must never change what it does: a database migrated by the old
 * text would differ from one migrated by the new, and nothing would say so. Tidying a migration's
 * code is allowed; this pins its SQL. A new migration adds its statements to __snapshots__/shipped-migrations.snap
 * (`vitest run -u`); an edit to an old one fails here.
 */
async function statementsOf(step: (db: Kysely<unknown>) => Promise<void>): Promise<string[]> {
  const statements: string[] = [];
  // DummyDriver answers every query with no rows: the migrations' statements are compiled and
  // recorded, never run, so this needs no database.
  const recorder = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      const parameters = event.query.parameters.length
        ? ` -- parameters: ${JSON.stringify(event.query.parameters)}`
        : '';
      // One statement a line, whatever its source's line breaks: a diff then names the statement.
      statements.push(`${event.query.sql.replace(/\s+/g, ' ').trim()};${parameters}`);
    },
  });
  await step(recorder);
  await recorder.destroy();
  return statements;
}

describe('shipped migrations', () => {
  it('each runs the SQL it ran when it shipped, up and down', async () => {
    const sections: string[] = [];
    for (const [name, migration] of Object.entries(migrations)) {
      sections.push(`-- ${name}: up`, ...(await statementsOf(migration.up)));
      if (migration.down)
        sections.push(`-- ${name}: down`, ...(await statementsOf(migration.down)));
    }
    await expect(`${sections.join('\n')}\n`).toMatchFileSnapshot(
      './__snapshots__/shipped-migrations.snap',
    );
  });
});

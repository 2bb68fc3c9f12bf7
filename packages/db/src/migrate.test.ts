import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Executor } from './create-db.js';
import {
  MigrationError,
  migrateDown,
  migrateToLatest,
  migrateToNothing,
  migrationNames,
} from './migrate.js';
import { testDialects } from './testing/index.js';
import { useTestDb } from './testing/use-test-db.js';

const TABLES = [
  'account_tokens',
  'audit_log',
  'decision_links',
  'entries',
  'entry_proposals',
  'level_request_reminders',
  'level_requests',
  'mail_outbox',
  'rate_limits',
  'sessions',
  'users',
];

/** Undoes migrations, newest first, down to and including `name`. */
async function undoThrough(db: Executor, name: string): Promise<void> {
  for (;;) {
    const [undone] = await migrateDown(db);
    if (undone === undefined || undone.migrationName === name) return;
  }
}

async function publicTables(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  return rows.map((row) => row.tableName);
}

async function columnsOf(db: Executor, table: string): Promise<string[]> {
  const { rows } = await sql<{ columnName: string }>`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table}`.execute(db);
  return rows.map((row) => row.columnName);
}

describe.each(testDialects())('migrations on %s', (dialect) => {
  const testDb = useTestDb(dialect);

  it('up, down to nothing and up again leaves every table', async () => {
    const { db } = testDb();
    expect(await publicTables(db)).toEqual(TABLES);

    const down = await migrateToNothing(db);
    expect(down.map((result) => result.migrationName)).toEqual([...migrationNames()].reverse());
    expect(await publicTables(db)).toEqual([]);

    const up = await migrateToLatest(db);
    expect(up.map((result) => result.migrationName)).toEqual(migrationNames());
    expect(up.every((result) => result.status === 'Success')).toBe(true);
    expect(await publicTables(db)).toEqual(TABLES);
  });

  it('has nothing to do when already at the latest', async () => {
    expect(await migrateToLatest(testDb().db)).toEqual([]);
  });

  it('migrateDown undoes only the last migration', async () => {
    const { db } = testDb();
    const [last] = await migrateDown(db);
    expect(last?.migrationName).toBe(migrationNames().at(-1));
    expect(TABLES).toEqual(expect.arrayContaining(await publicTables(db)));
    const redone = await migrateToLatest(db);
    expect(redone.map((result) => result.migrationName)).toEqual([migrationNames().at(-1)]);
    expect(await publicTables(db)).toEqual(TABLES);
  });

  it('decision links: undone, the links, reminders and mail choice are gone; redone, back', async () => {
    const { db } = testDb();
    await undoThrough(db, '2026_12_04_0040_decision_links');
    expect(await publicTables(db)).not.toContain('decision_links');
    expect(await publicTables(db)).not.toContain('level_request_reminders');
    expect(await columnsOf(db, 'users')).not.toContain('level_request_mail');
    await migrateToLatest(db);
    expect(await publicTables(db)).toEqual(TABLES);
    expect(await columnsOf(db, 'users')).toContain('level_request_mail');
  });

  it('level grants: undone, a withdrawn request reads as denied and the grant columns are gone', async () => {
    const { db } = testDb();
    await sql`insert into users (id, email, name, password_hash, role, level_expires_at, level_before_grant)
      values ('00000000-0000-4000-8000-000000000021', 'g@example.com', 'G', 'x', 'power', now() + interval '7 days', 'editor')`.execute(
      db,
    );
    await sql`insert into level_requests (user_id, requested_role, status)
      values ('00000000-0000-4000-8000-000000000021', 'power', 'withdrawn')`.execute(db);
    await undoThrough(db, '2026_12_04_0060_level_grants');
    expect(await columnsOf(db, 'users')).not.toContain('level_expires_at');
    const statuses = await sql<{ status: string }>`select status from level_requests`.execute(db);
    expect(statuses.rows).toEqual([{ status: 'denied' }]);
    await migrateToLatest(db);
    expect(await columnsOf(db, 'users')).toContain('level_before_grant');
  });

  it('session details: undone, sessions lose the user agent; redone, they have it again', async () => {
    const { db } = testDb();
    await undoThrough(db, '2026_12_04_0011_session_details');
    expect(await columnsOf(db, 'sessions')).not.toContain('user_agent');
    await migrateToLatest(db);
    expect(await columnsOf(db, 'sessions')).toContain('user_agent');
  });

  it('proposal outcomes: undone, a withdrawn proposal is gone and the others keep their entry', async () => {
    const { db } = testDb();
    await sql`insert into users (id, email, name, password_hash, role)
      values ('00000000-0000-4000-8000-000000000011', 'o@example.com', 'O', 'x', 'editor')`.execute(
      db,
    );
    await sql`insert into entries (id, title, body)
      values ('00000000-0000-4000-8000-000000000012', 'T', 'B')`.execute(db);
    await sql`insert into entry_proposals (entry_id, base_version, title, body, proposed_by, status) values
      ('00000000-0000-4000-8000-000000000012', 1, 'open', '', '00000000-0000-4000-8000-000000000011', 'pending'),
      (null, 1, 'gone', '', '00000000-0000-4000-8000-000000000011', 'withdrawn')`.execute(db);
    await undoThrough(db, '2026_12_04_0020_proposal_outcomes');
    const { rows } = await sql<{ title: string }>`
      select title from entry_proposals
      where proposed_by = '00000000-0000-4000-8000-000000000011'`.execute(db);
    expect(rows).toEqual([{ title: 'open' }]);
    await migrateToLatest(db);
    // The database is shared with the cases below, which count every proposal.
    await sql`delete from entry_proposals
      where proposed_by = '00000000-0000-4000-8000-000000000011'`.execute(db);
    await sql`delete from entries where id = '00000000-0000-4000-8000-000000000012'`.execute(db);
    await sql`delete from users where id = '00000000-0000-4000-8000-000000000011'`.execute(db);
  });

  it('email verification: accounts made before it count as verified, new ones do not', async () => {
    const { db } = testDb();
    await undoThrough(db, '2026_12_04_0010_email_verification');
    await sql`insert into users (email, name, password_hash, role)
      values ('old@example.com', 'Old', 'x', 'reader')`.execute(db);
    await migrateToLatest(db);
    await sql`insert into users (email, name, password_hash, role)
      values ('new@example.com', 'New', 'x', 'reader')`.execute(db);
    const { rows } = await sql<{ email: string; emailVerified: boolean }>`
      select email, email_verified from users where email in ('old@example.com', 'new@example.com')
      order by email`.execute(db);
    expect(rows).toEqual([
      { email: 'new@example.com', emailVerified: false },
      { email: 'old@example.com', emailVerified: true },
    ]);
  });

  it('entry versions: open edits made before an update of their entry come out outdated', async () => {
    const { db } = testDb();
    await undoThrough(db, '2026_11_26_0009_entry_versions');
    await sql`insert into users (id, email, name, password_hash, role)
      values ('00000000-0000-4000-8000-000000000001', 'v@example.com', 'V', 'x', 'editor')`.execute(
      db,
    );
    await sql`insert into entries (id, title, body, updated_at)
      values ('00000000-0000-4000-8000-000000000002', 'T', 'B', now() + interval '1 minute')`.execute(
      db,
    );
    await sql`insert into entry_proposals (entry_id, title, body, proposed_by, created_at) values
      ('00000000-0000-4000-8000-000000000002', 'before', '', '00000000-0000-4000-8000-000000000001', now()),
      ('00000000-0000-4000-8000-000000000002', 'after', '', '00000000-0000-4000-8000-000000000001', now() + interval '2 minutes'),
      (null, 'new', '', '00000000-0000-4000-8000-000000000001', now())`.execute(db);
    await migrateToLatest(db);
    const { rows } = await sql<{ title: string; baseVersion: number | null }>`
      select title, base_version from entry_proposals order by title`.execute(db);
    expect(rows).toEqual([
      { title: 'after', baseVersion: 1 },
      { title: 'before', baseVersion: 0 },
      { title: 'new', baseVersion: null },
    ]);
  });

  it('a failing migration throws naming it, and leaves the earlier ones applied', async () => {
    const { db } = testDb();
    await undoThrough(db, '2026_11_26_0008_entry_proposals');
    // Someone made the table by hand: the migration that creates it must fail, by name.
    await sql`create table entry_proposals (id int)`.execute(db);
    const failure = await migrateToLatest(db).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(failure).toMatchObject({
      migrationName: '2026_11_26_0008_entry_proposals',
      message: expect.stringContaining('migration "2026_11_26_0008_entry_proposals" failed'),
    });

    await sql`drop table entry_proposals`.execute(db);
    await migrateToLatest(db);
    expect(await publicTables(db)).toEqual(TABLES);
  });
});

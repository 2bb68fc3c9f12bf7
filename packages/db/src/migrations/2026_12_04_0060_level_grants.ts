import { type Kysely, sql } from 'kysely';
import { addCheck, createIndex, dropColumns, replaceCheck } from './steps.js';

/**
 * Levels after the decision (decision 033): a level may be held until a time (users.level_expires_at),
 * after which the person returns to the level held before the grant (users.level_before_grant); the
 * expiry job marks the three-day warning as sent (users.level_expiry_warned_at) so it is mailed once.
 * A request can now also end `withdrawn` (by the person) or `superseded` (an admin set a level that
 * answers it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('level_expires_at', 'timestamptz')
    .addColumn('level_before_grant', 'text', (col) =>
      col.check(sql`level_before_grant in ('reader', 'contributor', 'editor', 'power')`),
    )
    .addColumn('level_expiry_warned_at', 'timestamptz')
    .execute();
  await addCheck(
    db,
    'users',
    'users_level_grant_check',
    sql`(level_expires_at is null) = (level_before_grant is null)`,
  );
  // The expiry job's scan: only the few people holding a time-limited level.
  await createIndex(db, 'users_level_expires_at_idx', 'users', ['level_expires_at'], {
    where: ['level_expires_at', 'is not', null],
  });

  await replaceCheck(
    db,
    'level_requests',
    'level_requests_status_check',
    sql`status in ('pending', 'approved', 'denied', 'withdrawn', 'superseded')`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The old constraint knows neither ending: they read as the closest old one, a request not granted.
  await sql`update level_requests set status = 'denied' where status in ('withdrawn', 'superseded')`.execute(
    db,
  );
  await replaceCheck(
    db,
    'level_requests',
    'level_requests_status_check',
    sql`status in ('pending', 'approved', 'denied')`,
  );
  await db.schema.dropIndex('users_level_expires_at_idx').execute();
  await db.schema.alterTable('users').dropConstraint('users_level_grant_check').execute();
  await dropColumns(db, 'users', [
    'level_expires_at',
    'level_before_grant',
    'level_expiry_warned_at',
  ]);
}

import { type Kysely, sql } from 'kysely';

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
  await db.schema
    .alterTable('users')
    .addCheckConstraint(
      'users_level_grant_check',
      sql`(level_expires_at is null) = (level_before_grant is null)`,
    )
    .execute();
  // The expiry job's scan: only the few people holding a time-limited level.
  await db.schema
    .createIndex('users_level_expires_at_idx')
    .on('users')
    .column('level_expires_at')
    .where(sql.ref('level_expires_at'), 'is not', null)
    .execute();

  await db.schema
    .alterTable('level_requests')
    .dropConstraint('level_requests_status_check')
    .execute();
  await db.schema
    .alterTable('level_requests')
    .addCheckConstraint(
      'level_requests_status_check',
      sql`status in ('pending', 'approved', 'denied', 'withdrawn', 'superseded')`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The old constraint knows neither ending: they read as the closest old one, a request not granted.
  await sql`update level_requests set status = 'denied' where status in ('withdrawn', 'superseded')`.execute(
    db,
  );
  await db.schema
    .alterTable('level_requests')
    .dropConstraint('level_requests_status_check')
    .execute();
  await db.schema
    .alterTable('level_requests')
    .addCheckConstraint(
      'level_requests_status_check',
      sql`status in ('pending', 'approved', 'denied')`,
    )
    .execute();
  await db.schema.dropIndex('users_level_expires_at_idx').execute();
  await db.schema.alterTable('users').dropConstraint('users_level_grant_check').execute();
  await db.schema
    .alterTable('users')
    .dropColumn('level_expires_at')
    .dropColumn('level_before_grant')
    .dropColumn('level_expiry_warned_at')
    .execute();
}

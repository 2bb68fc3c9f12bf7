import { type Kysely, sql } from 'kysely';
import { ifTrigramsInstalled, PER_COLUMN_TRIGRAM_INDEXES } from './steps.js';

/**
 * The admin search's trigram index, one expression for name and email instead of one index each
 * (decision 034). With the two, Postgres costed each GIN scan near a sequential scan of `users` and,
 * for a search of a few words, read all 100,000 rows (113 ms) instead of the indexes (6 ms); the one
 * expression index is costed at a tenth of that and used (0.05–1.6 ms). The line break between the
 * two cannot be typed into either: a search never matches across them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists users_name_trgm_idx`.execute(db);
  await sql`drop index if exists users_email_trgm_idx`.execute(db);
  await sql`
    do $$
    begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index users_search_trgm_idx on users using gin ((name || E'\\n' || email) gin_trgm_ops);
      end if;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists users_search_trgm_idx`.execute(db);
  await sql`do $$ begin ${sql.raw(ifTrigramsInstalled(PER_COLUMN_TRIGRAM_INDEXES))} end $$`.execute(
    db,
  );
}

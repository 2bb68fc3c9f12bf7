import { type Kysely, sql } from 'kysely';
import { createIndex } from './steps.js';

/**
 * Proposals outlive their entry (decision 022): deleting an entry closes its open proposals as
 * `withdrawn` instead of deleting them, so their authors can still see what became of them. The
 * foreign key now sets entry_id to null; an edit keeps its base_version, which tells it apart from
 * a proposal that creates an entry. Plus the author's own list (entries.myProposals) and the
 * opt-out of the mail that says a proposal was decided.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table entry_proposals drop constraint entry_proposals_status_check`.execute(db);
  await sql`alter table entry_proposals add constraint entry_proposals_status_check
    check (status in ('pending', 'accepted', 'rejected', 'withdrawn'))`.execute(db);

  await sql`alter table entry_proposals drop constraint entry_proposals_base_version_check`.execute(
    db,
  );
  await sql`alter table entry_proposals add constraint entry_proposals_base_version_check
    check (entry_id is null or base_version is not null)`.execute(db);

  await sql`alter table entry_proposals drop constraint entry_proposals_entry_id_fkey`.execute(db);
  await sql`alter table entry_proposals add constraint entry_proposals_entry_id_fkey
    foreign key (entry_id) references entries (id) on delete set null`.execute(db);

  // entries.myProposals pages one person's proposals newest first; the pending cap counts them.
  await createIndex(db, 'entry_proposals_proposed_by_created_at_idx', 'entry_proposals', [
    'proposed_by',
    'created_at',
    'id',
  ]);

  await db.schema
    .alterTable('users')
    .addColumn('proposal_outcome_mail', 'boolean', (col) => col.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('proposal_outcome_mail').execute();
  await db.schema.dropIndex('entry_proposals_proposed_by_created_at_idx').execute();
  await sql`delete from entry_proposals where status = 'withdrawn' or (entry_id is null and base_version is not null)`.execute(
    db,
  );
  await sql`alter table entry_proposals drop constraint entry_proposals_entry_id_fkey`.execute(db);
  await sql`alter table entry_proposals add constraint entry_proposals_entry_id_fkey
    foreign key (entry_id) references entries (id) on delete cascade`.execute(db);
  await sql`alter table entry_proposals drop constraint entry_proposals_base_version_check`.execute(
    db,
  );
  await sql`alter table entry_proposals add constraint entry_proposals_base_version_check
    check ((entry_id is null) = (base_version is null))`.execute(db);
  await sql`alter table entry_proposals drop constraint entry_proposals_status_check`.execute(db);
  await sql`alter table entry_proposals add constraint entry_proposals_status_check
    check (status in ('pending', 'accepted', 'rejected'))`.execute(db);
}

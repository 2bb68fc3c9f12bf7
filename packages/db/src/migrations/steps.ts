import { type ColumnDefinitionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * Schema steps the migrations share. Shipped migrations call these, so what each one emits is part of
 * their history: shipped-sql.test.ts pins it. Never change a step's SQL; add a new step instead.
 */

/** `id uuid default gen_random_uuid() primary key` */
export const generatedId = (col: ColumnDefinitionBuilder) =>
  col.primaryKey().defaultTo(sql`gen_random_uuid()`);

/** `create table "name" ("id" uuid default gen_random_uuid() primary key, …`: add the other columns. */
export const createTableWithId = (db: Kysely<unknown>, name: string) =>
  db.schema.createTable(name).addColumn('id', 'uuid', generatedId);

/** `timestamptz default now() not null`, for created_at and its kin */
export const stampedNow = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

/** A required link to another table's row that goes when that row goes. */
export const ownedBy = (target: string) => (col: ColumnDefinitionBuilder) =>
  col.notNull().references(target).onDelete('cascade');

/** An optional link that outlives the row it points at (the link is cleared). */
export const pointsAt = (target: string) => (col: ColumnDefinitionBuilder) =>
  col.references(target).onDelete('set null');

export interface IndexOptions {
  unique?: true;
  /** A partial index: only rows where `column op value`. */
  where?: readonly [column: string, operator: '=' | 'is not', value: string | null];
}

/** `create [unique] index "name" on "table" ("column", …) [where …]` */
export async function createIndex(
  db: Kysely<unknown>,
  name: string,
  table: string,
  columns: readonly string[],
  options: IndexOptions = {},
): Promise<void> {
  let step = db.schema
    .createIndex(name)
    .on(table)
    .columns([...columns]);
  if (options.unique) step = step.unique();
  if (options.where) {
    const [column, operator, value] = options.where;
    step = step.where(sql.ref(column), operator, value);
  }
  await step.execute();
}

/** `alter table "table" add constraint "name" check (rule)` */
export async function addCheck(
  db: Kysely<unknown>,
  table: string,
  name: string,
  rule: RawBuilder<unknown>,
): Promise<void> {
  await db.schema.alterTable(table).addCheckConstraint(name, rule).execute();
}

/** Swaps a table's check constraint for one with the same name and a new rule. */
export async function replaceCheck(
  db: Kysely<unknown>,
  table: string,
  name: string,
  rule: RawBuilder<unknown>,
): Promise<void> {
  await db.schema.alterTable(table).dropConstraint(name).execute();
  await addCheck(db, table, name, rule);
}

/** `alter table "table" drop column "a", drop column "b", …` in one statement. */
export async function dropColumns(
  db: Kysely<unknown>,
  table: string,
  columns: readonly string[],
): Promise<void> {
  const [first, ...rest] = columns;
  if (first === undefined) return;
  let step = db.schema.alterTable(table).dropColumn(first);
  for (const column of rest) step = step.dropColumn(column);
  await step.execute();
}

/**
 * A statement for a `do $$ … $$` block that runs only where the pg_trgm extension is installed
 * (PGlite has none; a Postgres server may lack it): without it the search reads the table.
 */
export const ifTrigramsInstalled = (statements: string) =>
  `if exists (select 1 from pg_extension where extname = 'pg_trgm') then ${statements} end if;`;

/** The per-column trigram indexes of migration 0070_admin_lists, which 0070_search_index replaced. */
export const PER_COLUMN_TRIGRAM_INDEXES =
  'create index users_name_trgm_idx on users using gin (name gin_trgm_ops); create index users_email_trgm_idx on users using gin (email gin_trgm_ops);';

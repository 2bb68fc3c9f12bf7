import { type ColumnDefinitionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * Schema steps the migrations share. Shipped migrations call these, so what each one emits is part of
 * their history: shipped-sql.test.ts pins it. Never change a step's SQL; add a new step instead.
 */

/** `id uuid default gen_random_uuid() primary key` */
export const generatedId = (col: ColumnDefinitionBuilder) =>
  col.primaryKey().defaultTo(sql`gen_random_uuid()`);

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

/**
 * A fingerprint of every table (row count and a checksum of all rows), to show that a refused call
 * changed nothing. Tables are listed from the catalog, so a table added later is covered too.
 */
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';

export type Snapshot = Record<string, { rows: number; checksum: string }>;

export async function listTables(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  if (rows.length === 0) throw new Error('no tables: have the migrations run?');
  return rows.map((row) => row.name);
}

/** One round trip: each table's count and an order-independent md5 of its rows. */
export async function snapshot(db: Executor, tables: readonly string[]): Promise<Snapshot> {
  const parts = tables.map(
    (table) =>
      sql`select ${table}::text as name, count(*)::int as rows,
        coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as checksum
        from ${sql.table(table)} as t`,
  );
  const { rows } = await sql<{ name: string; rows: number; checksum: string }>`${sql.join(
    parts,
    sql` union all `,
  )}`.execute(db);
  return Object.fromEntries(
    rows.map((row) => [row.name, { rows: row.rows, checksum: row.checksum }]),
  );
}

/** Tables whose count or checksum differ, e.g. `users: 3 rows → 4 rows`. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after })
    .filter((table) => {
      const a = before[table];
      const b = after[table];
      return a?.rows !== b?.rows || a?.checksum !== b?.checksum;
    })
    .map((table) => `${table}: ${before[table]?.rows ?? 0} rows → ${after[table]?.rows ?? 0} rows`);
}

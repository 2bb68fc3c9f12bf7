import type { Executor } from '@rolegate/db';

/** The stored hashes of a person's sessions (never the tokens themselves). */
export async function sessionHashesOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sessions')
    .select('tokenHash')
    .where('userId', '=', userId)
    .execute();
  return rows.map((row) => row.tokenHash);
}

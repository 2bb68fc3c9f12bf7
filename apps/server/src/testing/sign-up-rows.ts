/**
 * What a failed sign-up must leave behind (nothing): the rows of every table a sign-up writes,
 * counted, and a way to make one of those writes fail inside the statement.
 */
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';

export async function signUpRowCounts(db: Executor) {
  const count = (table: 'users' | 'levelRequests' | 'mailOutbox' | 'sessions' | 'accountTokens') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));
  return {
    users: await count('users'),
    requests: await count('levelRequests'),
    mail: await count('mailOutbox'),
    sessions: await count('sessions'),
    links: await count('accountTokens'),
  };
}

/**
 * Runs `run` while every insert into `table` (its SQL name) raises an error, as a full disk or a
 * broken constraint would, then removes the trigger that does it.
 */
export async function withInsertsRefused<T>(
  db: Executor,
  table: 'users' | 'level_requests' | 'mail_outbox' | 'sessions' | 'account_tokens',
  run: () => Promise<T>,
): Promise<T> {
  const refuse = sql.id(`refuse_insert_${table}`);
  await sql`
    create function ${refuse}() returns trigger language plpgsql as $$
    begin raise exception 'forced failure for the test'; end $$`.execute(db);
  await sql`
    create trigger ${refuse} before insert on ${sql.table(table)}
    for each row execute function ${refuse}()`.execute(db);
  try {
    return await run();
  } finally {
    await sql`drop trigger ${refuse} on ${sql.table(table)}`.execute(db);
    await sql`drop function ${refuse}()`.execute(db);
  }
}

import type { Executor, User } from '@rolegate/db';

/** The users columns that say which mail a person wants. */
type MailPreferences = Pick<User, 'proposalOutcomeMail' | 'levelRequestMail'>;
type MailPreference = keyof MailPreferences;

/** One of the person's mail preferences, as stored. */
export async function readMailPreference<Column extends MailPreference>(
  db: Executor,
  userId: string,
  column: Column,
): Promise<MailPreferences[Column]> {
  const row: MailPreferences = await db
    .selectFrom('users')
    .select(['proposalOutcomeMail', 'levelRequestMail'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row[column];
}

/** Stores one of the person's mail preferences. */
export async function writeMailPreference<Column extends MailPreference>(
  db: Executor,
  userId: string,
  column: Column,
  value: MailPreferences[Column],
): Promise<void> {
  await db
    .updateTable('users')
    .set({ [column]: value })
    .where('id', '=', userId)
    .execute();
}

import type { Executor } from '@rolegate/db';

/** Whether the person is mailed when one of their proposals is decided or withdrawn. */
export async function proposalMailSetting(
  db: Executor,
  userId: string,
): Promise<{ proposalOutcomes: boolean }> {
  const row = await db
    .selectFrom('users')
    .select('proposalOutcomeMail')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { proposalOutcomes: row.proposalOutcomeMail };
}

export async function setProposalMailSetting(
  db: Executor,
  userId: string,
  proposalOutcomes: boolean,
): Promise<{ proposalOutcomes: boolean }> {
  await db
    .updateTable('users')
    .set({ proposalOutcomeMail: proposalOutcomes })
    .where('id', '=', userId)
    .execute();
  return { proposalOutcomes };
}

import type { Executor } from '@rolegate/db';
import { readMailPreference, writeMailPreference } from '../accounts/mail-preferences.js';

/** Whether the person is mailed when one of their proposals is decided or withdrawn. */
export async function proposalMailSetting(
  db: Executor,
  userId: string,
): Promise<{ proposalOutcomes: boolean }> {
  return { proposalOutcomes: await readMailPreference(db, userId, 'proposalOutcomeMail') };
}

export async function setProposalMailSetting(
  db: Executor,
  userId: string,
  proposalOutcomes: boolean,
): Promise<{ proposalOutcomes: boolean }> {
  await writeMailPreference(db, userId, 'proposalOutcomeMail', proposalOutcomes);
  return { proposalOutcomes };
}

import type { Entry, Executor } from '@rolegate/db';
import { sql } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import { notifyProposalOutcome } from '../notifications/notify.js';

/**
 * Before an entry is deleted: its open proposals are closed as `withdrawn`, with the reason as the
 * note their authors read, and each author is told (unless they turned that mail off). Nothing
 * vanishes from a contributor's list, and a reviewer opening one gets its status, not a 404.
 */
export async function withdrawOpenProposals(
  db: Executor,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  actor: { id: string; name: string },
  entry: Pick<Entry, 'id' | 'title'>,
): Promise<number> {
  const note = `${actor.name} deleted the entry “${entry.title}”.`;
  const withdrawn = await db
    .updateTable('entryProposals')
    .set({
      status: 'withdrawn',
      reviewedBy: actor.id,
      reviewedAt: sql<Date>`now()`,
      reviewNote: note,
    })
    .where('entryId', '=', entry.id)
    .where('status', '=', 'pending')
    .returning(['id', 'title', 'proposedBy', 'reviewedAt'])
    .execute();
  for (const proposal of withdrawn) {
    await writeAudit(db, {
      actorId: actor.id,
      action: 'entry_proposal.withdrawn',
      subjectType: 'entry_proposal',
      subjectId: proposal.id,
      details: { proposedBy: proposal.proposedBy, entryId: entry.id, reason: 'entry deleted' },
    });
    await notifyProposalOutcome(db, config, proposal.proposedBy, {
      proposal: {
        id: proposal.id,
        title: proposal.title,
        decidedAt: proposal.reviewedAt ?? new Date(),
      },
      outcome: 'withdrawn',
      deciderName: actor.name,
      note,
    });
  }
  return withdrawn.length;
}

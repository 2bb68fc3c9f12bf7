import type { Executor } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import { rateLimitedError } from '../errors.js';
import { hitCounter } from '../rate-limit/counters.js';

/** Proposals one person may send in an hour, and how many of theirs may wait for review at once. */
export const PROPOSALS_PER_HOUR = 30;
export const PENDING_PROPOSALS_MAX = 20;

const HOUR_MS = 60 * 60 * 1000;

/**
 * Refuses a proposal over either limit (issue 10: one person could fill the review queue). Call it
 * in the proposing transaction: the person's row is locked first, so two proposals sent at once
 * take turns and the pending count cannot be passed by racing it.
 */
export async function assertMayPropose(db: Executor, proposerId: string, now: Date): Promise<void> {
  await db.selectFrom('users').select('id').where('id', '=', proposerId).forUpdate().execute();
  const window = await hitCounter(db, `propose:user:${proposerId}`, HOUR_MS, now);
  if (window.count > PROPOSALS_PER_HOUR) {
    const seconds = Math.max(1, Math.ceil((window.resetAt.getTime() - now.getTime()) / 1000));
    throw rateLimitedError(
      `You sent ${PROPOSALS_PER_HOUR} proposals in the last hour, the most an hour allows. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      seconds,
    );
  }
  const pending = await db
    .selectFrom('entryProposals')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('proposedBy', '=', proposerId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  if (Number(pending.count) >= PENDING_PROPOSALS_MAX) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `${PENDING_PROPOSALS_MAX} of your proposals are waiting for review, the most that may wait at once. Send this one when an editor has decided some of them.`,
    });
  }
}

import type { LevelRequestView, PublicUser } from '@rolegate/core';
import type { Database, LevelRequest } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import { sql, type Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import { fieldError } from '../errors.js';
import { grantColumns, grantEnd } from '../levels/grants.js';
import { notifyRequestDecision } from '../notifications/notify.js';
import { findDeciderName, findRequestForUpdate, findRequestRow } from './queries.js';
import { toLevelRequestView } from './views.js';

export type RequestDecision = 'approved' | 'denied';

export interface DecideInput {
  requestId: string;
  /** The admin deciding. */
  deciderId: string;
  decision: RequestDecision;
  denyReason?: string | null | undefined;
  /** `link`: from the admin's own link in their mail (decisions/); recorded in the audit row. */
  via?: 'panel' | 'link';
  /** An approval that lasts until then (ISO, in the future); absent: for good. */
  expiresAt?: string | undefined;
  /** The clock of the grant's end and its warning. */
  now?: Date;
}

export interface DecideResult {
  request: LevelRequestView;
  /** The requester after the decision: on approval, with the new level. */
  user: PublicUser;
}

/**
 * Approves or denies a level request. Takes a transaction (the types insist) because everything here
 * must commit together: the locked request, the new level, the audit row and the mail to the person.
 * A request that is no longer pending is a CONFLICT and queues nothing, so a double click, a second
 * admin or a retried request never sends a second email.
 */
export async function decideLevelRequest(
  trx: Transaction<Database>,
  config: AppConfig,
  input: DecideInput,
): Promise<DecideResult> {
  const now = input.now ?? new Date();
  const end = input.decision === 'approved' ? grantEnd(input.expiresAt, now) : null;
  const request = await findRequestForUpdate(trx, input.requestId);
  if (!request) {
    throw fieldError('NOT_FOUND', 'requestId', `No level request has the id ${input.requestId}.`);
  }
  if (request.status !== 'pending') throw await alreadyDecided(trx, request);
  if (request.userId === input.deciderId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You cannot decide your own request for a level: another admin has to.',
    });
  }

  const before = await trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', request.userId)
    .executeTakeFirstOrThrow();
  // The queue hides such requests; an id typed or kept from elsewhere must not get round that, or the
  // decision mail would go to an address nobody has proved.
  if (config.emailVerification === 'required' && !before.emailVerified) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `${before.name} has not confirmed their email address yet; the request reaches the queue once they do. Nothing was changed.`,
    });
  }

  const denyReason = input.decision === 'denied' ? input.denyReason?.trim() || null : null;
  const decided = await trx
    .updateTable('levelRequests')
    .set({
      status: input.decision,
      decidedAt: sql<Date>`now()`,
      decidedBy: input.deciderId,
      denyReason,
    })
    .where('id', '=', request.id)
    .returningAll()
    .executeTakeFirstOrThrow();

  const user =
    input.decision === 'approved'
      ? await trx
          .updateTable('users')
          .set(grantColumns(before, request.requestedRole, end, now))
          .where('id', '=', request.userId)
          .returningAll()
          .executeTakeFirstOrThrow()
      : before;

  await writeAudit(trx, {
    actorId: input.deciderId,
    action: `level_request.${input.decision}`,
    subjectType: 'level_request',
    subjectId: request.id,
    details: {
      userId: user.id,
      requestedRole: request.requestedRole,
      roleBefore: before.role,
      roleAfter: user.role,
      ...(denyReason === null ? {} : { denyReason }),
      ...(end === null ? {} : { expiresAt: end.toISOString(), returnsTo: user.levelBeforeGrant }),
      via: input.via ?? 'panel',
    },
  });
  await notifyRequestDecision(trx, config, {
    request: decided,
    user,
    decision: input.decision,
    denyReason,
    expiresAt: input.decision === 'approved' ? user.levelExpiresAt : null,
  });

  const view = await findRequestRow(trx, request.id);
  if (!view) throw new Error(`level request ${request.id} vanished inside its own transaction`);
  const requestView = toLevelRequestView(view);
  return { request: requestView, user: requestView.user };
}

async function alreadyDecided(trx: Transaction<Database>, request: LevelRequest) {
  const by = (await findDeciderName(trx, request)) ?? 'an admin whose account was removed';
  const at = request.decidedAt ? ` at ${request.decidedAt.toISOString()}` : '';
  return new TRPCError({
    code: 'CONFLICT',
    message: `This request was already ${request.status} by ${by}${at}; nothing was changed.`,
  });
}

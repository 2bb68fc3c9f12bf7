/**
 * account.withdrawRequest: a person takes back their own pending request. Someone else's request is
 * NOT_FOUND (its existence is not theirs to learn); a decided one is CONFLICT.
 *
 * The level: a request for a level that needs approval gave the person its provisional level at once
 * (core's provisionalLevel, editor for power by default). They keep it: the provisional level is by
 * construction one granted at once to anyone who asks for it, so taking it back would protect
 * nothing, and which level they held before the request is not recorded (decision 033).
 */
import type { LevelRequestView } from '@rolegate/core';
import type { Database } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import { fieldError } from '../errors.js';
import { findRequestForUpdate, findRequestRow } from '../requests/queries.js';
import { toLevelRequestView } from '../requests/views.js';

export async function withdrawRequest(
  trx: Transaction<Database>,
  facts: { userId: string; requestId: string; now: Date },
): Promise<{ request: LevelRequestView }> {
  const request = await findRequestForUpdate(trx, facts.requestId);
  if (request === undefined || request.userId !== facts.userId) {
    throw fieldError(
      'NOT_FOUND',
      'requestId',
      `You have no level request with the id ${facts.requestId}.`,
    );
  }
  if (request.status !== 'pending') {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `This request is already ${request.status}; only a pending request can be withdrawn. Nothing was changed.`,
    });
  }
  await trx
    .updateTable('levelRequests')
    .set({ status: 'withdrawn', decidedAt: facts.now, decidedBy: null })
    .where('id', '=', request.id)
    .execute();
  await writeAudit(trx, {
    actorId: facts.userId,
    action: 'level_request.withdrawn',
    subjectType: 'level_request',
    subjectId: request.id,
    details: { userId: facts.userId, requestedRole: request.requestedRole },
  });
  const row = await findRequestRow(trx, request.id);
  if (row === undefined) throw new Error(`level request ${request.id} vanished while withdrawn`);
  return { request: { ...toLevelRequestView(row), decidedBy: null } };
}

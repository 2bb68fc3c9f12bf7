/**
 * admin.setLevel: an admin gives anyone but themselves any level, up or down, for good or until a
 * time. A pending request the new level answers (the new level is at least the one asked for) is
 * closed as `superseded`; the person is mailed with the reason; one audit row. One transaction.
 */
import { ACCESS_TABLE, isAbove, LEVELS, type Level, type PublicUser } from '@rolegate/core';
import type { Database } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Transaction } from 'kysely';
import { loadPublicUserOrThrow } from '../accounts/person.js';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import { fieldError } from '../errors.js';
import { queueNotification } from '../notifications/message.js';
import { levelSetContent } from './content.js';
import { grantColumns, grantEnd } from './grants.js';
import { lockUser } from './lock-user.js';

export interface SetLevelFacts {
  adminId: string;
  userId: string;
  role: Level;
  reason?: string | undefined;
  expiresAt?: string | undefined;
  now: Date;
}

export async function setLevel(
  trx: Transaction<Database>,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  facts: SetLevelFacts,
): Promise<{ user: PublicUser }> {
  const end = grantEnd(facts.expiresAt, facts.now);
  if (facts.userId === facts.adminId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You cannot change your own level: another admin has to.',
    });
  }
  // The pending request first, then the person: the order admin.approve locks them in, so an
  // approval and a level set at the same moment wait for each other instead of deadlocking.
  await trx
    .selectFrom('levelRequests')
    .select('id')
    .where('userId', '=', facts.userId)
    .where('status', '=', 'pending')
    .forUpdate()
    .execute();
  const before = await lockUser(trx, facts.userId);
  if (facts.role === before.role && before.levelExpiresAt === null && end === null) {
    throw fieldError(
      'BAD_REQUEST',
      'role',
      `${before.name} already has ${ACCESS_TABLE[facts.role].label} for good; choose another level, or an end date.`,
    );
  }
  const columns = grantColumns(before, facts.role, end, facts.now);
  await trx.updateTable('users').set(columns).where('id', '=', before.id).execute();

  const superseded = await trx
    .updateTable('levelRequests')
    .set({ status: 'superseded', decidedAt: facts.now, decidedBy: facts.adminId })
    .where('userId', '=', before.id)
    .where('status', '=', 'pending')
    .where(
      'requestedRole',
      'in',
      LEVELS.filter((level) => !isAbove(level, facts.role)),
    )
    .returning('id')
    .executeTakeFirst();

  const reason = facts.reason?.trim() || null;
  const audit = await writeAudit(trx, {
    actorId: facts.adminId,
    action: 'user.level_set',
    subjectType: 'user',
    subjectId: before.id,
    details: {
      roleBefore: before.role,
      roleAfter: facts.role,
      ...(reason === null ? {} : { reason }),
      expiresAt: end?.toISOString() ?? null,
      ...(columns.levelBeforeGrant === null ? {} : { returnsTo: columns.levelBeforeGrant }),
      ...(superseded === undefined ? {} : { supersededRequestId: superseded.id }),
    },
  });
  await queueNotification(trx, config.mail, {
    idempotencyKey: `level-set:${audit.id}`,
    to: [{ name: before.name, email: before.email }],
    content: levelSetContent(
      {
        user: before,
        role: facts.role,
        before: before.role,
        reason,
        expiresAt: end,
        beforeGrant: columns.levelBeforeGrant,
      },
      { appUrl: config.appUrl, subjectPrefix: config.mail.subjectPrefix },
    ),
  });
  return { user: await loadPublicUserOrThrow(trx, before.id) };
}

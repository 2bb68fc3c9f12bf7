/**
 * admin.setAdmin: make someone an admin, or remove the flag (one's own too, while another admin is
 * left). Removing the last admin is CONFLICT. Two admins removing each other at the same moment
 * must not leave nobody: every admin row is locked (in id order, so two transactions never wait for
 * each other in a circle) before counting, and a transaction that waited re-reads the rows the
 * other one changed, so the second sees one admin left and stops. The person is mailed either way
 * (content.ts says why).
 */
import type { PublicUser } from '@rolegate/core';
import type { Database } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Transaction } from 'kysely';
import { loadPublicUserOrThrow } from '../accounts/person.js';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import { queueNotification } from '../notifications/message.js';
import { adminFlagContent } from './content.js';
import { lockUser } from './lock-user.js';

export async function setAdmin(
  trx: Transaction<Database>,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  facts: {
    /** The acting admin, as the session has them: named in the person's mail. */
    admin: { id: string; name: string; email: string };
    userId: string;
    isAdmin: boolean;
    now: Date;
  },
): Promise<{ user: PublicUser }> {
  if (!facts.isAdmin) {
    const admins = await trx
      .selectFrom('users')
      .select('id')
      .where('isAdmin', '=', true)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (admins.length === 1 && admins[0]?.id === facts.userId) {
      throw new TRPCError({
        code: 'CONFLICT',
        message:
          'This is the last admin: make someone else an admin first, or nobody could decide requests any more. Nothing was changed.',
      });
    }
  }
  const before = await lockUser(trx, facts.userId);
  if (before.isAdmin === facts.isAdmin) {
    return { user: await loadPublicUserOrThrow(trx, before.id) };
  }
  await trx
    .updateTable('users')
    .set({ isAdmin: facts.isAdmin, updatedAt: facts.now })
    .where('id', '=', before.id)
    .execute();
  const audit = await writeAudit(trx, {
    actorId: facts.admin.id,
    action: facts.isAdmin ? 'user.admin_granted' : 'user.admin_removed',
    subjectType: 'user',
    subjectId: before.id,
    details: { isAdminBefore: before.isAdmin, isAdminAfter: facts.isAdmin, via: 'panel' },
  });
  await queueNotification(trx, config.mail, {
    idempotencyKey: `admin-flag:${audit.id}`,
    to: [{ name: before.name, email: before.email }],
    content: adminFlagContent(
      { user: before, isAdmin: facts.isAdmin, by: facts.admin },
      { appUrl: config.appUrl, subjectPrefix: config.mail.subjectPrefix },
    ),
  });
  return { user: await loadPublicUserOrThrow(trx, before.id) };
}

import type { SessionView } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import type { Context } from '../context.js';
import { fieldError } from '../errors.js';
import type { SessionUser } from './person.js';
import { clearSessionCookie } from './session-cookie.js';

/** account.sessions: the person's live sessions, most recently used first. */
export async function listSessions(ctx: Context & { user: SessionUser }): Promise<SessionView[]> {
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['id', 'tokenHash', 'createdAt', 'lastSeenAt', 'userAgent', 'ip'])
    .where('userId', '=', ctx.user.id)
    .where('expiresAt', '>', ctx.now())
    .orderBy('lastSeenAt', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
  // The token's hash stays on the server: the id is what the API names a session by.
  return rows.map(({ tokenHash, ...row }) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    userAgent: row.userAgent,
    ip: row.ip,
    current: tokenHash === ctx.sessionTokenHash,
  }));
}

/** account.revokeSession: one of the person's own sessions; this one signs them out here. */
export async function revokeOwnSession(
  ctx: Context & { user: SessionUser },
  sessionId: string,
): Promise<void> {
  const revoked = await ctx.db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('userId', '=', ctx.user.id)
    .returning('tokenHash')
    .executeTakeFirst();
  if (revoked === undefined) {
    throw fieldError(
      'NOT_FOUND',
      'sessionId',
      'None of your sessions has this id; it may have ended already.',
    );
  }
  if (revoked.tokenHash === ctx.sessionTokenHash) clearSessionCookie(ctx);
}

/** Every session of the person but `keep` (the one making the request; null keeps none). */
export async function revokeOtherSessions(
  db: Executor,
  userId: string,
  keep: string | null,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (keep !== null) query = query.where('tokenHash', '!=', keep);
  await query.execute();
}

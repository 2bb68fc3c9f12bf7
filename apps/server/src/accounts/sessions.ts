/**
 * Sessions: the cookie carries 32 random bytes; the database keeps only their SHA-256, so a leaked
 * table cannot be replayed. 30 days, sliding: each use pushes the expiry out again, but never past
 * SESSION_MAX_DAYS after sign-in (a stolen cookie kept busy must not live for ever).
 */
import type { Executor } from '@rolegate/db';
import { sql } from 'kysely';
import type { SessionUser } from './person.js';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from './secret-token.js';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding the expiry costs a write; doing it at most hourly keeps reads free of writes. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const hashSessionToken = hashSecretToken;

/** Where a session was opened from, shown in account.sessions; unknown for sessions made in code. */
export interface SessionClient {
  userAgent: string | null;
  ip: string | null;
}

const UNKNOWN_CLIENT: SessionClient = { userAgent: null, ip: null };

export function sessionClientOf(ctx: {
  userAgent: string | null;
  clientIp: string;
}): SessionClient {
  return { userAgent: ctx.userAgent, ip: ctx.clientIp };
}

export interface NewSession {
  /** For the cookie; never stored. */
  token: string;
  /** The sessions row to insert, alone (createSession) or inside a bigger statement (sign-up). */
  row: {
    tokenHash: string;
    userId: string;
    createdAt: Date;
    lastSeenAt: Date;
    expiresAt: Date;
  } & SessionClient;
}

export function newSession(
  userId: string,
  now: Date,
  client: SessionClient = UNKNOWN_CLIENT,
): NewSession {
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  return {
    token,
    row: {
      tokenHash: hashSessionToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      // A header is whatever the client sent: keep a readable amount of it.
      userAgent: client.userAgent?.slice(0, 400) ?? null,
      ip: client.ip,
    },
  };
}

export async function createSession(
  db: Executor,
  userId: string,
  now: Date,
  client: SessionClient = UNKNOWN_CLIENT,
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const { token, row } = newSession(userId, now, client);
  await db.insertInto('sessions').values(row).execute();
  return { token, tokenHash: row.tokenHash, expiresAt: row.expiresAt };
}

export interface ResolvedSession {
  user: SessionUser;
  tokenHash: string;
  /** Set when this request slid the expiry: the cookie should be sent again with it. */
  renewedUntil: Date | null;
}

type LiveSessionRow = SessionUser & { lastSeenAt: Date; expiresAt: Date; signedInAt: Date };

/**
 * The one query of every signed-in request, so it is written out in SQL: building and compiling it
 * through kysely's query builder each time cost more CPU than everything else this function does
 * (`pnpm bench`, row 4). It selects exactly what person.ts's people() does, plus the session's
 * times; the CamelCasePlugin still maps the columns to these names.
 */
async function findLiveSession(
  db: Executor,
  tokenHash: string,
  now: Date,
  signedInAfter: Date,
): Promise<LiveSessionRow | undefined> {
  const { rows } = await sql<LiveSessionRow>`
    select u.id, u.email, u.name, u.role, u.is_admin, u.created_at, u.email_verified,
           u.level_expires_at,
           pending.requested_role as pending_role, s.last_seen_at, s.expires_at,
           s.created_at as signed_in_at
      from sessions s
      join users u on u.id = s.user_id
      left join level_requests pending on pending.user_id = u.id and pending.status = 'pending'
     where s.token_hash = ${tokenHash} and s.expires_at > ${now}
       and s.created_at > ${signedInAfter}`.execute(db);
  return rows[0];
}

/**
 * The live session a cookie token names, or null (unknown, revoked, expired, malformed, or signed
 * in more than `maxDays` ago: SESSION_MAX_DAYS).
 */
export async function resolveSession(
  db: Executor,
  token: string,
  now: Date,
  maxDays: number,
): Promise<ResolvedSession | null> {
  if (!looksLikeSecretToken(token)) return null;
  const tokenHash = hashSessionToken(token);
  const signedInAfter = new Date(now.getTime() - maxDays * DAY_MS);
  const row = await findLiveSession(db, tokenHash, now, signedInAfter);
  if (row === undefined) return null;
  const { lastSeenAt, expiresAt: _, signedInAt, ...user } = row;
  if (now.getTime() - lastSeenAt.getTime() < SESSION_TOUCH_INTERVAL_MS) {
    return { user, tokenHash, renewedUntil: null };
  }
  const renewedUntil = new Date(
    Math.min(now.getTime() + SESSION_LIFETIME_MS, signedInAt.getTime() + maxDays * DAY_MS),
  );
  await db
    .updateTable('sessions')
    .set({ lastSeenAt: now, expiresAt: renewedUntil })
    .where('tokenHash', '=', tokenHash)
    .execute();
  return { user, tokenHash, renewedUntil };
}

export async function revokeSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

/** Signs a person out everywhere (admin removal, password change). */
export async function revokeUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

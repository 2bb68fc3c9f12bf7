/**
 * The approve/deny links in an admin's request mail: APP_URL/decide/<token>, one per mail, request
 * and admin. Like the account links (accounts/account-tokens.ts), only the token's SHA-256 is kept.
 * A link works while it has not expired, its request waits and its admin is still an admin; it
 * decides as that admin and nothing else.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from '@rolegate/db';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../accounts/secret-token.js';
import { appLink } from '../notifications/format.js';

const HOUR_MS = 60 * 60 * 1000;

export interface NewDecisionLink {
  /** For the mail; never stored. */
  token: string;
  row: {
    id: string;
    tokenHash: string;
    requestId: string;
    adminId: string;
    createdAt: Date;
    expiresAt: Date;
  };
}

export function newDecisionLink(
  facts: { requestId: string; adminId: string },
  now: Date,
  lifetimeHours: number,
): NewDecisionLink {
  const token = newSecretToken();
  return {
    token,
    row: {
      id: randomUUID(),
      tokenHash: hashSecretToken(token),
      ...facts,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetimeHours * HOUR_MS),
    },
  };
}

/** The page that shows the request and asks to confirm; `decision` only preselects a button. */
export function decisionUrl(appUrl: string, token: string, decision: 'approve' | 'deny'): string {
  return `${appLink(appUrl, `decide/${token}`)}?decision=${decision}`;
}

export async function insertDecisionLinks(db: Executor, links: NewDecisionLink[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('decisionLinks')
    .values(links.map((link) => link.row))
    .execute();
}

export interface LiveDecisionLink {
  requestId: string;
  adminId: string;
  adminName: string;
  adminEmail: string;
  expiresAt: Date;
}

/**
 * The link behind a token while it may still be used: not expired, and its admin still an admin.
 * Whether its request still waits is the decision's own rule (CONFLICT, as in the panel).
 */
export async function findLiveDecisionLink(
  db: Executor,
  token: string,
  now: Date,
): Promise<LiveDecisionLink | undefined> {
  if (!looksLikeSecretToken(token)) return undefined;
  return db
    .selectFrom('decisionLinks as l')
    .innerJoin('users as a', 'a.id', 'l.adminId')
    .select([
      'l.requestId',
      'l.adminId',
      'a.name as adminName',
      'a.email as adminEmail',
      'l.expiresAt',
    ])
    .where('l.tokenHash', '=', hashSecretToken(token))
    .where('l.expiresAt', '>', now)
    .where('a.isAdmin', '=', true)
    .executeTakeFirst();
}

/**
 * Housekeeping: expired links say nothing any more. A decided request's links stay until they
 * expire, so following one says who decided it (CONFLICT) rather than "unknown link".
 */
export async function deleteExpiredDecisionLinks(db: Executor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('decisionLinks')
    .where('expiresAt', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Single-use links mailed to a person (decision 024): verify an address, reset a password, confirm
 * a new address. The link carries a random token; the table keeps its SHA-256, the account, the
 * address the link was sent to and when it stops working. Using one is one UPDATE that also marks it
 * used, so two clicks at once cannot both succeed.
 */
import type { AccountToken, AccountTokenPurpose, Database, Executor } from '@rolegate/db';
import type { ExpressionBuilder } from 'kysely';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from './secret-token.js';

export const VERIFY_EMAIL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The one answer for a link that is unknown, used, expired or not for this purpose. */
export const LINK_EXPIRED =
  'This link has expired or was already used (the token in it is no longer valid)';

export interface NewAccountToken {
  /** For the link in the mail; never stored. */
  token: string;
  row: {
    id: string;
    tokenHash: string;
    userId: string;
    purpose: AccountTokenPurpose;
    email: string;
    createdAt: Date;
    expiresAt: Date;
  };
}

export function newAccountToken(
  facts: { id: string; userId: string; purpose: AccountTokenPurpose; email: string },
  now: Date,
  lifetimeMs: number,
): NewAccountToken {
  const token = newSecretToken();
  return {
    token,
    row: {
      ...facts,
      tokenHash: hashSecretToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetimeMs),
    },
  };
}

export async function insertAccountToken(db: Executor, token: NewAccountToken): Promise<void> {
  await db.insertInto('accountTokens').values(token.row).execute();
}

/** A link as presented: its token, the purposes it may serve here, and when it is used. */
export interface PresentedLink {
  token: string;
  purposes: readonly AccountTokenPurpose[];
  now: Date;
}

/** The link's row if it is still usable for one of its purposes; nothing is changed. */
export async function findUsableToken(
  db: Executor,
  link: PresentedLink,
): Promise<AccountToken | undefined> {
  if (!looksLikeSecretToken(link.token)) return undefined;
  return db
    .selectFrom('accountTokens')
    .selectAll()
    .where((eb) => usable(eb, link))
    .executeTakeFirst();
}

/** Marks the link used and returns its row, or undefined when it was not usable (see LINK_EXPIRED). */
export async function consumeToken(
  db: Executor,
  link: PresentedLink,
): Promise<AccountToken | undefined> {
  if (!looksLikeSecretToken(link.token)) return undefined;
  return db
    .updateTable('accountTokens')
    .set({ usedAt: link.now })
    .where((eb) => usable(eb, link))
    .returningAll()
    .executeTakeFirst();
}

function usable(eb: ExpressionBuilder<Database, 'accountTokens'>, link: PresentedLink) {
  return eb.and([
    eb('tokenHash', '=', hashSecretToken(link.token)),
    eb('purpose', 'in', link.purposes),
    eb('usedAt', 'is', null),
    eb('expiresAt', '>', link.now),
  ]);
}

/** Voids a person's unused links of one purpose: a newer link replaces the older ones. */
export async function voidTokens(
  db: Executor,
  userId: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .updateTable('accountTokens')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
}

/** Housekeeping: links that can no longer be used carry no information worth keeping. */
export async function deleteDeadTokens(db: Executor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('accountTokens')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('usedAt', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

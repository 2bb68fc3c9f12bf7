import type { Level } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import type { NewDecisionLink } from '../decisions/links.js';
import type { RequestFacts } from '../notifications/pending-requests.js';
import { type OutboxRow, wakeOutboxWorkers } from '../outbox/queue.js';
import type { NewAccountToken } from './account-tokens.js';
import type { NewSession } from './sessions.js';

export interface SignUpRows {
  /** The id is made by the caller, so every row below can name the person without a read. */
  user: {
    id: string;
    email: string;
    name: string;
    passwordHash: string;
    role: Level;
    emailVerified: boolean;
  };
  session: NewSession['row'];
  /** For a level that needs approval: the pending request. */
  request: RequestFacts | null;
  /** The link that verifies the address (EMAIL_VERIFICATION=required), mailed in `mails`. */
  token: NewAccountToken['row'] | null;
  /** The verification mail, or the admins' mails about the request; may be empty. */
  mails: OutboxRow[];
  /** The approve/deny links in the admins' mails (decisions/links.ts); may be empty. */
  decisionLinks?: NewDecisionLink['row'][];
}

/**
 * Writes a whole sign-up — the person, their session, their pending request, the link that verifies
 * their address and its mail or the admins' mail (which wakes the outbox workers) — as one statement. Postgres runs a statement as one
 * transaction, so all of it commits or none of it does (a taken email leaves nothing behind), in
 * one round trip instead of BEGIN, five statements and COMMIT. The data-modifying CTEs always run
 * to completion, read or not; foreign keys are checked at the end of the statement, once every
 * row is in.
 */
export async function insertSignUp(db: Executor, rows: SignUpRows) {
  const { user, session, request, token, mails, decisionLinks = [] } = rows;
  let statement = db
    .with('newUser', (qc) =>
      qc
        .insertInto('users')
        .values(user)
        .returning(['id', 'email', 'name', 'role', 'isAdmin', 'createdAt', 'emailVerified']),
    )
    .with('newSession', (qc) => qc.insertInto('sessions').values(session));
  // Each `with` changes the statement's type; the answer only ever reads newUser.
  if (request !== null) {
    statement = statement.with('newRequest', (qc) =>
      qc.insertInto('levelRequests').values(request),
    ) as unknown as typeof statement;
  }
  if (token !== null) {
    statement = statement.with('newToken', (qc) =>
      qc.insertInto('accountTokens').values(token),
    ) as unknown as typeof statement;
  }
  if (mails.length > 0) {
    statement = statement.with('queuedMail', (qc) =>
      qc
        .insertInto('mailOutbox')
        .values(mails)
        .onConflict((oc) => oc.column('idempotencyKey').doNothing())
        .returning(wakeOutboxWorkers),
    ) as unknown as typeof statement;
  }
  if (decisionLinks.length > 0) {
    statement = statement.with('newDecisionLinks', (qc) =>
      qc.insertInto('decisionLinks').values(decisionLinks),
    ) as unknown as typeof statement;
  }
  return statement.selectFrom('newUser').selectAll().executeTakeFirstOrThrow();
}

import type { Level } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { type OutboxRow, wakeOutboxWorkers } from '../outbox/queue.js';
import type { NewSession } from './sessions.js';

export interface SignUpRows {
  /** The id is made by the caller, so every row below can name the person without a read. */
  user: { id: string; email: string; name: string; passwordHash: string; role: Level };
  session: NewSession['row'];
  /** For a level that needs approval: the pending request. */
  request: {
    id: string;
    userId: string;
    requestedRole: Level;
    reason: string | null;
    createdAt: Date;
  } | null;
  /** The admins' mail about the request; null when there is no request or nobody to tell. */
  mail: OutboxRow | null;
}

/**
 * Writes a whole sign-up — the person, their session, their pending request and the admins' mail
 * (which wakes the outbox workers) — as one statement. Postgres runs a statement as one
 * transaction, so all of it commits or none of it does (a taken email leaves nothing behind), in
 * one round trip instead of BEGIN, five statements and COMMIT. The data-modifying CTEs always run
 * to completion, read or not; foreign keys are checked at the end of the statement, once every
 * row is in.
 */
export async function insertSignUp(db: Executor, rows: SignUpRows) {
  const { user, session, request, mail } = rows;
  const withUser = db
    .with('newUser', (qc) =>
      qc
        .insertInto('users')
        .values(user)
        .returning(['id', 'email', 'name', 'role', 'isAdmin', 'createdAt']),
    )
    .with('newSession', (qc) => qc.insertInto('sessions').values(session));
  if (request === null) return withUser.selectFrom('newUser').selectAll().executeTakeFirstOrThrow();

  const withRequest = withUser.with('newRequest', (qc) =>
    qc.insertInto('levelRequests').values(request),
  );
  if (mail === null) return withRequest.selectFrom('newUser').selectAll().executeTakeFirstOrThrow();

  return withRequest
    .with('queuedMail', (qc) =>
      qc
        .insertInto('mailOutbox')
        .values(mail)
        .onConflict((oc) => oc.column('idempotencyKey').doNothing())
        .returning(wakeOutboxWorkers),
    )
    .selectFrom('newUser')
    .selectAll()
    .executeTakeFirstOrThrow();
}

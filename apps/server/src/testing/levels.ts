/** Fixtures for the level-request and entries tests: people at every level, mail and audit rows. */
import { LEVELS, type Level } from '@rolegate/core';
import type { AuditEntry, Executor } from '@rolegate/db';
import { EmailMessage } from '@rolegate/mail';
import { findPendingRequestOf } from '../requests/open.js';
import type { Caller, TestContext } from './test-context.js';

export interface Person {
  user: { id: string; name: string; email: string };
  caller: Caller;
}

/**
 * One signed-up person per level. `power` goes the real way: sign-up at power (working as editor),
 * then `approver` (an admin) approves the request.
 */
export async function peopleAtEveryLevel(
  t: TestContext,
  approver: Person,
): Promise<Record<Level, Person>> {
  const people: Partial<Record<Level, Person>> = {};
  for (const level of LEVELS) {
    const person = await t.signUp({ role: level, name: `${level} person` });
    if (level === 'power') {
      const requestId = await pendingRequestIdOf(t.db, person.user.id);
      await approver.caller.admin.approve({ requestId });
    }
    people[level] = person;
  }
  return people as Record<Level, Person>;
}

export async function pendingRequestIdOf(db: Executor, userId: string): Promise<string> {
  const request = await findPendingRequestOf(db, userId);
  if (request === undefined) throw new Error(`${userId} has no pending level request`);
  return request.id;
}

/**
 * The queued messages under one idempotency key, or under its per-recipient keys
 * (`<key>:<adminId>`: each admin's own request mail), as the worker would send them.
 */
export async function queuedMail(db: Executor, idempotencyKey: string): Promise<EmailMessage[]> {
  const rows = await db
    .selectFrom('mailOutbox')
    .select('message')
    .where((eb) =>
      eb.or([
        eb('idempotencyKey', '=', idempotencyKey),
        eb('idempotencyKey', 'like', `${idempotencyKey}:%`),
      ]),
    )
    .orderBy('createdAt')
    .execute();
  return rows.map((row) => EmailMessage.fromJSON(row.message));
}

export async function auditOf(db: Executor, subjectId: string): Promise<AuditEntry[]> {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('subjectId', '=', subjectId)
    .orderBy('createdAt')
    .execute();
}

/** The audit row of a reader made admin, at power, by `create-admin` with their own password. */
export const READER_MADE_ADMIN_BY_CLI = {
  action: 'user.made_admin',
  details: { source: 'create-admin', fromLevel: 'reader', toLevel: 'power', passwordReset: false },
};

/**
 * The end of time-limited levels (decision 033), run with the level-request jobs
 * (notifications/jobs.ts) once a minute, the clock passed in. Three days before the end the person
 * is mailed once; at the end they return to the level held before the grant, with an audit row
 * (actor: the system) and a mail. Each step is one conditional update on the person's row: however
 * many workers run it, one update matches, and an admin's change made meanwhile (a new end, a
 * permanent level) makes it match nothing.
 */
import { GRANT_WARNING_DAYS } from '@rolegate/core';
import type { Database, Executor, User } from '@rolegate/db';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/write-audit.js';
import type { AppConfig } from '../env.js';
import type { MailContent } from '../notifications/format.js';
import { queueNotification } from '../notifications/message.js';
import { grantEndedContent, grantEndingContent } from './content.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** People looked at per run and step; the rest wait for the next run a minute later. */
const BATCH = 100;

export type ExpiryConfig = Pick<AppConfig, 'appUrl' | 'mail'>;

type Grant = Pick<User, 'id' | 'name' | 'email' | 'role' | 'levelExpiresAt' | 'levelBeforeGrant'>;

export async function runLevelExpiries(
  db: Executor,
  config: ExpiryConfig,
  now: Date,
): Promise<{ warned: number; ended: number }> {
  return {
    warned: await warnOfEndingGrants(db, config, now),
    ended: await endGrants(db, config, now),
  };
}

function grants(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'levelExpiresAt', 'levelBeforeGrant'])
    .where('levelExpiresAt', 'is not', null)
    .orderBy('levelExpiresAt')
    .limit(BATCH);
}

async function warnOfEndingGrants(db: Executor, config: ExpiryConfig, now: Date) {
  const due = await grants(db)
    .where('levelExpiryWarnedAt', 'is', null)
    .where('levelExpiresAt', '>', now)
    .where('levelExpiresAt', '<=', new Date(now.getTime() + GRANT_WARNING_DAYS * DAY_MS))
    .execute();
  return countTaken(db, due, (trx, grant) => warn(trx, config, grant, now));
}

async function warn(trx: Transaction<Database>, config: ExpiryConfig, grant: Grant, now: Date) {
  const { levelExpiresAt: end, levelBeforeGrant: before } = grant;
  if (end === null || before === null) return false;
  const claimed = await trx
    .updateTable('users')
    .set({ levelExpiryWarnedAt: now })
    .where('id', '=', grant.id)
    .where('levelExpiresAt', '=', end)
    .where('levelExpiryWarnedAt', 'is', null)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) return false;
  const content = grantEndingContent(
    { user: grant, role: grant.role, expiresAt: end, beforeGrant: before },
    { appUrl: config.appUrl, subjectPrefix: config.mail.subjectPrefix },
  );
  await queueGrantMail(trx, config, { grant, end, stage: 'ending', content });
  return true;
}

async function endGrants(db: Executor, config: ExpiryConfig, now: Date) {
  const due = await grants(db).where('levelExpiresAt', '<=', now).execute();
  return countTaken(db, due, (trx, grant) => end(trx, config, grant, now));
}

/**
 * Runs `step` on each grant in a transaction of its own and counts the grants it took: a step
 * answers false when its conditional update matched nothing (another worker, or an admin, was first).
 */
async function countTaken(
  db: Executor,
  due: Grant[],
  step: (trx: Transaction<Database>, grant: Grant) => Promise<boolean>,
): Promise<number> {
  let taken = 0;
  for (const grant of due) {
    if (await db.transaction().execute((trx) => step(trx, grant))) taken += 1;
  }
  return taken;
}

async function end(trx: Transaction<Database>, config: ExpiryConfig, grant: Grant, now: Date) {
  const { levelExpiresAt: endsAt, levelBeforeGrant: before } = grant;
  if (endsAt === null || before === null) return false;
  const ended = await trx
    .updateTable('users')
    .set({
      role: before,
      levelExpiresAt: null,
      levelBeforeGrant: null,
      levelExpiryWarnedAt: null,
      updatedAt: now,
    })
    .where('id', '=', grant.id)
    .where('levelExpiresAt', '=', endsAt)
    .where('levelBeforeGrant', '=', before)
    .where('role', '=', grant.role)
    .executeTakeFirst();
  if (ended.numUpdatedRows === 0n) return false;
  await writeAudit(trx, {
    actorId: null,
    action: 'user.level_expired',
    subjectType: 'user',
    subjectId: grant.id,
    details: { roleBefore: grant.role, roleAfter: before, expiresAt: endsAt.toISOString() },
  });
  const content = grantEndedContent(
    { user: grant, role: grant.role, endedAt: endsAt, now: before },
    { appUrl: config.appUrl, subjectPrefix: config.mail.subjectPrefix },
  );
  await queueGrantMail(trx, config, { grant, end: endsAt, stage: 'ended', content });
  return true;
}

/** The person's mail about their grant's end; keyed by the end, so each stage is mailed once. */
function queueGrantMail(
  trx: Transaction<Database>,
  config: ExpiryConfig,
  mail: { grant: Grant; end: Date; stage: 'ending' | 'ended'; content: MailContent },
) {
  return queueNotification(trx, config.mail, {
    idempotencyKey: `level-grant:${mail.grant.id}:${mail.end.toISOString()}:${mail.stage}`,
    to: [{ name: mail.grant.name, email: mail.grant.email }],
    content: mail.content,
  });
}

/**
 * The daily digest at DIGEST_HOUR_UTC for admins who chose `daily`: what waits, with their own
 * approve/deny links, and nothing on a day when nothing waits. Keyed per admin and day
 * (`level-request-digest:<date>:<adminId>`): the outbox's unique key is the claim, so however many
 * workers run, and however often they run after the hour, each admin gets one digest a day.
 */
import type { Executor } from '@rolegate/db';
import {
  decisionUrl,
  insertDecisionLinks,
  type NewDecisionLink,
  newDecisionLink,
} from '../decisions/links.js';
import type { AppConfig } from '../env.js';
import { queueMail } from '../outbox/queue.js';
import { type DigestItem, digestContent } from './digest-content.js';
import type { NotifyConfig } from './level-request.js';
import { type AdminReader, levelRequestAudience } from './level-request-audience.js';
import { notificationMail } from './message.js';
import { pendingRequestsForAdmins } from './pending-requests.js';

/** Requests listed in one digest; the rest are counted and wait in the panel. */
const DIGEST_LIMIT = 50;

export type DigestConfig = NotifyConfig & Pick<AppConfig, 'digestHourUtc' | 'emailVerification'>;

/** Queues today's digests once the hour has come; resolves to how many were queued. */
export async function queueDueDigests(
  db: Executor,
  config: DigestConfig,
  now: Date,
): Promise<number> {
  if (now.getUTCHours() < config.digestHourUtc) return 0;
  const { daily } = await levelRequestAudience(db, config);
  let queued = 0;
  for (const admin of daily) {
    if (await queueDigest(db, config, admin, now)) queued += 1;
  }
  return queued;
}

async function queueDigest(
  db: Executor,
  config: DigestConfig,
  admin: AdminReader,
  now: Date,
): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const idempotencyKey = `level-request-digest:${day}:${admin.id}`;
  const already = await db
    .selectFrom('mailOutbox')
    .select('id')
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
  if (already !== undefined) return false;
  const pending = await pendingRequestsForAdmins(db, config, {
    notOf: admin.id,
    limit: DIGEST_LIMIT + 1,
  });
  if (pending.length === 0) return false;
  const listed = pending.slice(0, DIGEST_LIMIT);
  const more = pending.length > DIGEST_LIMIT ? await countMore(db, config, admin.id) : 0;

  const links: NewDecisionLink[] = [];
  const items: DigestItem[] = listed.map((facts) => {
    const link = newDecisionLink(
      { requestId: facts.request.id, adminId: admin.id },
      now,
      config.decisionLinkHours,
    );
    links.push(link);
    return {
      ...facts,
      links: {
        approve: decisionUrl(config.appUrl, link.token, 'approve'),
        deny: decisionUrl(config.appUrl, link.token, 'deny'),
        expiresAt: link.row.expiresAt,
      },
    };
  });
  const mail = notificationMail(config.mail, {
    idempotencyKey,
    to: [admin.address],
    sender: 'server',
    content: digestContent(items, more, {
      appUrl: config.appUrl,
      subjectPrefix: config.mail.subjectPrefix,
    }),
  });
  // The mail and its links commit together; a worker that lost the race inserts neither.
  return db.transaction().execute(async (trx) => {
    if (!(await queueMail(trx, mail))) return false;
    await insertDecisionLinks(trx, links);
    return true;
  });
}

async function countMore(db: Executor, config: DigestConfig, adminId: string): Promise<number> {
  let query = db
    .selectFrom('levelRequests as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('r.status', '=', 'pending')
    .where('r.userId', '!=', adminId);
  if (config.emailVerification === 'required') query = query.where('u.emailVerified', '=', true);
  const { count } = await query.executeTakeFirstOrThrow();
  return Number(count) - DIGEST_LIMIT;
}

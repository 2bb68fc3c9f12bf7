import type { Executor } from '@rolegate/db';
import type { Address } from '@rolegate/mail';
import type { AppConfig } from '../env.js';
import type { QueueMailInput } from '../outbox/queue.js';
import { type LevelRequestFacts, levelRequestContent } from './level-request-content.js';
import { notificationMail, queueNotification } from './message.js';

export type NotifyResult = { queued: true } | { queued: false; reason: string };

type NotifyConfig = Pick<AppConfig, 'appUrl' | 'mail'>;

const NOBODY_TO_TELL = 'ADMINS is empty and there is no admin account.';

/**
 * Queues "Ada Lovelace asks for power access" for the admins: the ADMINS setting, or every admin
 * account when ADMINS is empty. Runs in the caller's transaction (account.requestLevel).
 * Queued once per request (key `level-request:<id>:admins`), whatever retries happen.
 */
export async function notifyAdminsOfLevelRequest(
  db: Executor,
  config: NotifyConfig,
  facts: LevelRequestFacts,
): Promise<NotifyResult> {
  const to = await adminRecipients(db, config);
  // Nobody to tell: no ADMINS and no admin account yet. The request still shows in the panel.
  if (to.length === 0) return { queued: false, reason: NOBODY_TO_TELL };
  const queued = await queueNotification(
    db,
    config.mail,
    levelRequestNotification(config, facts, to),
  );
  return queued ? { queued } : { queued, reason: 'Already queued for this request.' };
}

/**
 * The admins' mail for a request, ready to queue, for callers that write it in their own statement
 * (sign-up); null when there is nobody to tell. `to` comes from adminRecipients.
 */
export function levelRequestMail(
  config: NotifyConfig,
  facts: LevelRequestFacts,
  to: Address[],
): QueueMailInput | null {
  if (to.length === 0) return null;
  return notificationMail(config.mail, levelRequestNotification(config, facts, to));
}

function levelRequestNotification(config: NotifyConfig, facts: LevelRequestFacts, to: Address[]) {
  return {
    idempotencyKey: `level-request:${facts.request.id}:admins`,
    to,
    sender: 'server' as const,
    content: levelRequestContent(facts, {
      appUrl: config.appUrl,
      subjectPrefix: config.mail.subjectPrefix,
    }),
  };
}

/** ADMINS when set, else every admin account (oldest first, so the list reads the same each time). */
export async function adminRecipients(
  db: Executor,
  config: Pick<AppConfig, 'mail'>,
): Promise<Address[]> {
  if (config.mail.admins.length > 0) return config.mail.admins;
  const admins = await db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('isAdmin', '=', true)
    .orderBy('createdAt')
    .execute();
  return admins.map(({ name, email }) => ({ name, email }));
}

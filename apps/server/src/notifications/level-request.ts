import type { Executor } from '@rolegate/db';
import type { Address } from '@rolegate/mail';
import type { AppConfig } from '../env.js';
import { type LevelRequestFacts, levelRequestContent } from './level-request-content.js';
import { queueNotification } from './message.js';

export type NotifyResult = { queued: true } | { queued: false; reason: string };

/**
 * Queues "Ada Lovelace asks for power access" for the admins: the ADMINS setting, or every admin
 * account when ADMINS is empty. Runs in the caller's transaction (sign-up, account.requestLevel).
 * Queued once per request (key `level-request:<id>:admins`), whatever retries happen.
 */
export async function notifyAdminsOfLevelRequest(
  db: Executor,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  facts: LevelRequestFacts,
): Promise<NotifyResult> {
  const to = await adminRecipients(db, config);
  if (to.length === 0) {
    // Nobody to tell: no ADMINS and no admin account yet. The request still shows in the panel.
    return { queued: false, reason: 'ADMINS is empty and there is no admin account.' };
  }
  const content = levelRequestContent(facts, {
    appUrl: config.appUrl,
    subjectPrefix: config.mail.subjectPrefix,
  });
  const queued = await queueNotification(db, config.mail, {
    idempotencyKey: `level-request:${facts.request.id}:admins`,
    to,
    content,
  });
  return queued ? { queued } : { queued, reason: 'Already queued for this request.' };
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

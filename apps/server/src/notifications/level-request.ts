import type { Executor } from '@rolegate/db';
import type { Logger } from 'pino';
import {
  decisionUrl,
  insertDecisionLinks,
  type NewDecisionLink,
  newDecisionLink,
} from '../decisions/links.js';
import type { AppConfig } from '../env.js';
import { type OutboxRow, outboxRow, type QueueMailInput, queueMail } from '../outbox/queue.js';
import {
  type LevelRequestAudience,
  levelRequestAudience,
  NOBODY_HEARS_OF_REQUESTS,
  reachesNobody,
} from './level-request-audience.js';
import { type LevelRequestFacts, levelRequestContent } from './level-request-content.js';
import { notificationMail } from './message.js';

export type NotifyResult = { queued: true } | { queued: false; reason: string };

export type NotifyConfig = Pick<AppConfig, 'appUrl' | 'mail' | 'decisionLinkHours'>;

/** The facts plus who asked: the requester never gets links to decide their own request. */
export type RequestFacts = LevelRequestFacts & { request: { userId: string } };

export interface NotifyOptions {
  /** When the links are made (their lifetime counts from it); default: now. */
  now?: Date;
  /** Told when the request reaches nobody, so the operator learns of it. */
  logger?: Pick<Logger, 'warn'>;
}

/** One message of a request's notification, with the decision links it carries. */
export interface RequestMail {
  mail: QueueMailInput;
  links: NewDecisionLink[];
}

/**
 * The mails about a request for its audience: one to the ADMINS addresses without an admin account
 * (the panel link; key `level-request:<id>:admins`), and one to each admin account that gets each
 * request, with approve/deny links of their own (key `level-request:<id>:admins:<adminId>`).
 * A reminder's keys carry its number (`level-request:<id>:reminder-<n>:admins…`).
 */
export function levelRequestMails(
  config: NotifyConfig,
  facts: LevelRequestFacts,
  audience: Pick<LevelRequestAudience, 'panelOnly' | 'each'>,
  { now, reminder }: { now: Date; reminder?: number },
): RequestMail[] {
  const base = `level-request:${facts.request.id}${reminder === undefined ? '' : `:reminder-${reminder}`}:admins`;
  const contentOptions = {
    appUrl: config.appUrl,
    subjectPrefix: config.mail.subjectPrefix,
    reminder,
  };
  const mails: RequestMail[] = [];
  if (audience.panelOnly.length > 0) {
    const content = levelRequestContent(facts, contentOptions);
    mails.push({
      mail: notificationMail(config.mail, {
        idempotencyKey: base,
        to: audience.panelOnly,
        sender: 'server',
        content,
      }),
      links: [],
    });
  }
  for (const admin of audience.each) {
    const link = newDecisionLink(
      { requestId: facts.request.id, adminId: admin.id },
      now,
      config.decisionLinkHours,
    );
    const links = {
      approve: decisionUrl(config.appUrl, link.token, 'approve'),
      deny: decisionUrl(config.appUrl, link.token, 'deny'),
      expiresAt: link.row.expiresAt,
    };
    mails.push({
      mail: notificationMail(config.mail, {
        idempotencyKey: `${base}:${admin.id}`,
        to: [admin.address],
        sender: 'server',
        content: levelRequestContent(facts, { ...contentOptions, links }),
      }),
      links: [link],
    });
  }
  return mails;
}

/**
 * Queues the mails; a mail whose key was queued before (the same notification again) is skipped
 * with its links, so retries leave no link that was never mailed. Runs in the caller's transaction.
 */
export async function queueRequestMails(db: Executor, mails: RequestMail[]): Promise<number> {
  let queued = 0;
  for (const { mail, links } of mails) {
    if (!(await queueMail(db, mail))) continue;
    await insertDecisionLinks(db, links);
    queued += 1;
  }
  return queued;
}

/**
 * Queues "Ada Lovelace asks for power access" for the admins who get each request (see
 * level-request-audience.ts). Runs in the caller's transaction (account.requestLevel, verifying
 * an address): queued once per request, whatever retries happen.
 */
export async function notifyAdminsOfLevelRequest(
  db: Executor,
  config: NotifyConfig,
  facts: RequestFacts,
  options: NotifyOptions = {},
): Promise<NotifyResult> {
  const audience = await levelRequestAudience(db, config, facts.request.userId);
  if (reachesNobody(audience)) {
    // The request still waits in the panel; the operator has to hear of it somewhere.
    options.logger?.warn({ requestId: facts.request.id }, NOBODY_HEARS_OF_REQUESTS);
    return { queued: false, reason: NOBODY_HEARS_OF_REQUESTS };
  }
  const mails = levelRequestMails(config, facts, audience, { now: options.now ?? new Date() });
  if (mails.length === 0) return { queued: false, reason: 'Every admin reads the daily digest.' };
  const queued = await queueRequestMails(db, mails);
  return queued > 0
    ? { queued: true }
    : { queued: false, reason: 'Already queued for this request.' };
}

/**
 * The admins' mails about a new request and their links, as rows, for sign-up's single statement
 * (accounts/sign-up-statement.ts). A new request has no mail yet, so nothing can conflict.
 */
export async function levelRequestRows(
  db: Executor,
  config: NotifyConfig,
  facts: RequestFacts,
  options: NotifyOptions & { now: Date },
): Promise<{ mails: OutboxRow[]; decisionLinks: NewDecisionLink['row'][] }> {
  const audience = await levelRequestAudience(db, config, facts.request.userId);
  if (reachesNobody(audience)) {
    options.logger?.warn({ requestId: facts.request.id }, NOBODY_HEARS_OF_REQUESTS);
  }
  const mails = levelRequestMails(config, facts, audience, { now: options.now });
  return {
    mails: mails.map(({ mail }) => outboxRow(mail)),
    decisionLinks: mails.flatMap(({ links }) => links.map((link) => link.row)),
  };
}

/** Every address that hears of requests by mail, for the mail check's RCPT TO probe. */
export async function adminRecipients(db: Executor, config: Pick<AppConfig, 'mail'>) {
  const audience = await levelRequestAudience(db, config);
  return [
    ...audience.panelOnly,
    ...audience.each.map((admin) => admin.address),
    ...audience.daily.map((admin) => admin.address),
  ];
}

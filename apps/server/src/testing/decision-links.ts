/** The admin's own decision link in a request mail, as a person would follow it. */
import type { Executor } from '@rolegate/db';
import { EmailMessage } from '@rolegate/mail';

const DECIDE_LINK = /(\S+\/decide\/([\w-]{43}))\?decision=approve/;

/** The token and page URL of the approve link in a mail's text part, or null when it has none. */
export function decisionLinkIn(text: string): { url: string; token: string } | null {
  const match = DECIDE_LINK.exec(text);
  return match?.[1] && match[2] ? { url: match[1], token: match[2] } : null;
}

/** The token of the decision link in the request mail queued for one admin. */
export async function queuedDecisionToken(
  db: Executor,
  requestId: string,
  adminId: string,
): Promise<string> {
  const row = await db
    .selectFrom('mailOutbox')
    .select('message')
    .where('idempotencyKey', '=', `level-request:${requestId}:admins:${adminId}`)
    .executeTakeFirstOrThrow();
  const link = decisionLinkIn(EmailMessage.fromJSON(row.message).body);
  if (link === null) throw new Error(`the mail to admin ${adminId} has no decision link`);
  return link.token;
}

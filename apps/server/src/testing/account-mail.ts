/** Reading the links the server mails out of the outbox, as a person would follow them. */
import type { Executor } from '@rolegate/db';

export type LinkPage = 'verify-email' | 'reset-password';

/** The mails queued to an address (any case), oldest first, as subject and text body. */
export async function mailsTo(db: Executor, email: string) {
  const rows = await db
    .selectFrom('mailOutbox')
    .select(['idempotencyKey', 'message', 'createdAt'])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows
    .map((row) => ({
      key: row.idempotencyKey,
      to: (row.message.to as string[]).join(', '),
      subject: String(row.message.subject),
      body: String(row.message.body),
    }))
    .filter((mail) => mail.to.toLowerCase().includes(email.toLowerCase()));
}

/** The token of the newest link to `page` mailed to `email`; fails the test when there is none. */
export async function latestLinkToken(db: Executor, email: string, page: LinkPage) {
  const tokens = (await mailsTo(db, email)).flatMap((mail) => linkTokensIn(mail.body, page));
  const token = tokens.at(-1);
  if (token === undefined) throw new Error(`no ${page} link was mailed to ${email}`);
  return token;
}

export function linkTokensIn(text: string, page: LinkPage): string[] {
  const pattern = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`, 'g');
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '');
}

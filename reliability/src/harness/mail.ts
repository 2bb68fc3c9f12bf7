/** What the SMTP fixture received, counted the way the cases assert: by Message-ID. */
import type { ReceivedMessage, TestSmtpServer } from '@rolegate/mail/testing';
import { ADMINS_ADDRESS } from './app-env.js';

export function isTo(message: ReceivedMessage, address: string): boolean {
  return message.envelope.rcptTo.some((rcpt) => rcpt.toLowerCase() === address.toLowerCase());
}

/** Level-request notifications received for the admins (ADMINS of app-env.ts). */
export function adminNotifications(smtp: TestSmtpServer): ReceivedMessage[] {
  return smtp.received.filter((message) => isTo(message, ADMINS_ADDRESS));
}

/** How many times each Message-ID arrived (a resend keeps its Message-ID: it is fixed at queue time). */
export function countByMessageId(messages: readonly ReceivedMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const id = message.parsed.messageId ?? '(none)';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Message-IDs that arrived more than once. */
export function duplicates(counts: Map<string, number>): string[] {
  return [...counts].filter(([, count]) => count > 1).map(([id]) => id);
}

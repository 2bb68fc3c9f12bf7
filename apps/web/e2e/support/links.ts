import type { ReceivedMessage } from '@rolegate/mail/testing';

/** The first link to `path` (e.g. `/verify-email`) in a message's text part, or a failure naming it. */
export function linkIn(message: ReceivedMessage, path: string): string {
  const text = message.parsed.text ?? '';
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const link = text.match(new RegExp(`https?://\\S+${escaped}\\?token=[^\\s>]+`))?.[0];
  if (!link) throw new Error(`No ${path} link in "${message.parsed.subject}":\n${text}`);
  return link;
}

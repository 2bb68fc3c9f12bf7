import type { MailComposerAlternative, MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { envelopeAddress } from './address.js';
import { literalHeaderText } from './header-text.js';
import type { EmailMessage } from './message.js';

// Headers Django lets a caller override: the header shows the given value, while the envelope
// still uses fromEmail / recipients() (e.g. a From header of a mailing list, a To of "undisclosed").
const OVERRIDABLE = ['from', 'to', 'cc', 'reply-to'] as const;

/** The nodemailer (MailComposer) options for a message, with an explicit envelope. */
export function toNodemailerOptions(message: EmailMessage): MailComposerOptions {
  const headers: Record<string, string> = {};
  const overrides = new Map<string, string>();
  for (const [name, value] of Object.entries(message.headers)) {
    const key = name.toLowerCase();
    if ((OVERRIDABLE as readonly string[]).includes(key)) overrides.set(key, value);
    else headers[name] = value;
  }
  const htmlBody = message.contentSubtype === 'html';
  const html = htmlBody
    ? undefined
    : message.alternatives.find((alternative) => alternative.mimetype === 'text/html');
  const otherAlternatives: MailComposerAlternative[] = message.alternatives
    .filter((alternative) => alternative !== html)
    .map((alternative) => ({ content: alternative.content, contentType: alternative.mimetype }));
  const listOrNone = (list: string[]) => (list.length > 0 ? list : undefined);

  return {
    from: overrides.get('from') ?? message.fromEmail,
    to: overrides.get('to') ?? listOrNone(message.to),
    cc: overrides.get('cc') ?? listOrNone(message.cc),
    replyTo: overrides.get('reply-to') ?? listOrNone(message.replyTo),
    // bcc is deliberately absent: it lives in the envelope only.
    subject: literalHeaderText(message.subject),
    messageId: message.messageId,
    date: message.date,
    ...(htmlBody ? { html: message.body } : { text: message.body }),
    ...(html ? { html: html.content } : {}),
    ...(otherAlternatives.length > 0 ? { alternatives: otherAlternatives } : {}),
    headers,
    attachments: message.attachments.map((file) => ({
      content: file.content,
      ...(file.filename !== null ? { filename: file.filename } : {}),
      ...(file.mimetype !== null ? { contentType: file.mimetype } : {}),
    })),
    envelope: { from: envelopeAddress(message.fromEmail), to: message.recipients() },
    // The message is self-contained: never let a crafted attachment read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { type Address, domainOf, envelopeAddress } from './address.js';
import { getMailSettings } from './config.js';
import { getConnection } from './connection.js';
import type { MailConnection } from './deliverer.js';
import { checkAddress, checkAddresses, checkHeaders, checkHeaderValue } from './header-checks.js';
import { type EmailMessageJSON, parseMessageJSON } from './message-json.js';
import { toNodemailerOptions } from './nodemailer-options.js';
import type { MailSettings } from './settings.js';

export type { EmailMessageJSON } from './message-json.js';

export interface EmailAttachment {
  filename: string | null;
  content: Buffer;
  /** `null` lets nodemailer pick the type from the filename. */
  mimetype: string | null;
}

export interface EmailAlternative {
  content: string;
  mimetype: string;
}

export interface EmailMessageInit {
  subject?: string;
  body?: string;
  /** `null`/missing → DEFAULT_FROM_EMAIL. */
  fromEmail?: string | null;
  to?: readonly (string | Address)[];
  cc?: readonly (string | Address)[];
  /** Sent to in the SMTP envelope only: never written into the headers. */
  bcc?: readonly (string | Address)[];
  replyTo?: readonly (string | Address)[];
  headers?: Readonly<Record<string, string>>;
  attachments?: readonly {
    filename: string | null;
    content: string | Uint8Array;
    mimetype?: string | null;
  }[];
  alternatives?: readonly EmailAlternative[];
  /** `'html'` sends the body as text/html, as Django's `msg.content_subtype = "html"`. */
  contentSubtype?: 'plain' | 'html';
  connection?: MailConnection | null;
  settings?: MailSettings;
  /** Normally generated: `<…@domain-of-from>`. Kept through toJSON/fromJSON. */
  messageId?: string;
  /** Normally the construction time, whole seconds (the Date header has no milliseconds). */
  date?: Date;
}

/**
 * Django's EmailMessage over nodemailer. Fields are public and may be changed before sending;
 * they are checked for header injection at construction and again when the message is rendered.
 */
export class EmailMessage {
  subject: string;
  body: string;
  fromEmail: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  headers: Record<string, string>;
  attachments: EmailAttachment[] = [];
  alternatives: EmailAlternative[];
  contentSubtype: 'plain' | 'html';
  connection: MailConnection | null;
  readonly messageId: string;
  readonly date: Date;
  private readonly settings: MailSettings | undefined;

  constructor(init: EmailMessageInit = {}) {
    this.settings = init.settings;
    this.subject = init.subject ?? '';
    this.body = init.body ?? '';
    this.fromEmail = init.fromEmail ?? (init.settings ?? getMailSettings()).defaultFromEmail;
    this.to = checkAddresses('To', init.to ?? []);
    this.cc = checkAddresses('Cc', init.cc ?? []);
    this.bcc = checkAddresses('Bcc', init.bcc ?? []);
    this.replyTo = checkAddresses('Reply-To', init.replyTo ?? []);
    const headers = { ...init.headers };
    // A Message-ID given as a header wins, as in Django, and is kept as the message's id.
    const idHeader = Object.keys(headers).find((name) => name.toLowerCase() === 'message-id');
    let messageId = init.messageId;
    if (idHeader !== undefined) {
      messageId = headers[idHeader];
      delete headers[idHeader];
    }
    this.headers = headers;
    this.messageId = messageId ?? makeMessageId(this.fromEmail);
    this.date = init.date ?? new Date(Math.floor(Date.now() / 1000) * 1000);
    this.alternatives = [...(init.alternatives ?? [])];
    this.contentSubtype = init.contentSubtype ?? 'plain';
    this.connection = init.connection ?? null;
    for (const file of init.attachments ?? []) {
      this.attach(file.filename, file.content, file.mimetype ?? null);
    }
    this.check();
  }

  /** Adds an attachment; strings are stored as UTF-8. */
  attach(
    filename: string | null,
    content: string | Uint8Array,
    mimetype: string | null = null,
  ): this {
    if (filename !== null) checkHeaderValue('attachment filename', filename);
    if (mimetype !== null) checkHeaderValue('attachment mimetype', mimetype);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    this.attachments.push({ filename, content: bytes, mimetype });
    return this;
  }

  /** Reads the file now, so the message stays self-contained (and serialisable). */
  attachFile(path: string, mimetype: string | null = null): this {
    return this.attach(basename(path), readFileSync(path), mimetype);
  }

  attachAlternative(content: string, mimetype: string): this {
    checkHeaderValue('alternative mimetype', mimetype);
    this.alternatives.push({ content, mimetype });
    return this;
  }

  /** Everyone the message goes to: to + cc + bcc, bare addresses, as the SMTP envelope. */
  recipients(): string[] {
    return [...this.to, ...this.cc, ...this.bcc].map(envelopeAddress).filter((a) => a !== '');
  }

  /** The nodemailer message options (with the envelope); throws BadHeaderError first. */
  message(): MailComposerOptions {
    this.check();
    return toNodemailerOptions(this);
  }

  /**
   * Sends through `connection`, or a new one to the mailer `using` (default "default"). Resolves
   * to 0 or 1. `failSilently` unset: the mailer's fail_silently option, else false.
   */
  async send(failSilently?: boolean, { using }: { using?: string } = {}): Promise<number> {
    if (using !== undefined && this.connection !== null) {
      throw new TypeError(
        'EmailMessage.send: the message has a connection; pass using or connection, not both.',
      );
    }
    if (this.recipients().length === 0) return 0;
    const connection =
      this.connection ??
      getConnection(undefined, {
        ...(failSilently === undefined ? {} : { failSilently }),
        ...(using === undefined ? {} : { using }),
        ...(this.settings === undefined ? {} : { settings: this.settings }),
      });
    return connection.sendMessages([this]);
  }

  /** Attachments as base64, so the message survives a jsonb column and a worker restart. */
  toJSON(): EmailMessageJSON {
    return {
      subject: this.subject,
      body: this.body,
      contentSubtype: this.contentSubtype,
      fromEmail: this.fromEmail,
      to: this.to,
      cc: this.cc,
      bcc: this.bcc,
      replyTo: this.replyTo,
      headers: this.headers,
      attachments: this.attachments.map((file) => ({
        filename: file.filename,
        content: file.content.toString('base64'),
        mimetype: file.mimetype,
      })),
      alternatives: this.alternatives,
      messageId: this.messageId,
      date: this.date.toISOString(),
    };
  }

  /** Rebuilds a message from toJSON()'s output (validated: a corrupt row gives a clear error). */
  static fromJSON(json: unknown, settings?: MailSettings): EmailMessage {
    const data = parseMessageJSON(json);
    return new EmailMessage({
      ...data,
      attachments: data.attachments.map((file) => ({
        ...file,
        content: Buffer.from(file.content, 'base64'),
      })),
      date: new Date(data.date),
      ...(settings ? { settings } : {}),
    });
  }

  /** A deep copy, detached from any connection (the memory backend stores copies, as Django). */
  clone(): EmailMessage {
    return EmailMessage.fromJSON(this.toJSON(), this.settings);
  }

  private check(): void {
    checkHeaderValue('Subject', this.subject);
    checkAddress('From', this.fromEmail);
    checkHeaderValue('Message-ID', this.messageId);
    for (const [field, list] of [
      ['To', this.to],
      ['Cc', this.cc],
      ['Bcc', this.bcc],
      ['Reply-To', this.replyTo],
    ] as const) {
      checkAddresses(field, list);
    }
    checkHeaders(this.headers);
  }
}

/** Django calls it EmailMultiAlternatives; here every message can carry alternatives. */
export const EmailMultiAlternatives = EmailMessage;
export type EmailMultiAlternatives = EmailMessage;

function makeMessageId(fromEmail: string): string {
  return `<${Date.now().toString(36)}.${randomBytes(9).toString('base64url')}@${domainOf(fromEmail)}>`;
}

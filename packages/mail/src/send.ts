import { formatAddress } from './address.js';
import { getMailSettings } from './config.js';
import { getConnection } from './connection.js';
import type { MailConnection } from './deliverer.js';
import { EmailMessage } from './message.js';
import type { Address, MailSettings } from './settings.js';

export interface SendMailOptions {
  failSilently?: boolean;
  /** SMTP user for this call instead of EMAIL_HOST_USER. */
  authUser?: string;
  /** SMTP password for this call instead of EMAIL_HOST_PASSWORD. */
  authPassword?: string;
  connection?: MailConnection;
  /** The mailer (a MAILERS name) to send with instead of "default"; not with `connection`. */
  using?: string;
  /** Adds a text/html alternative to the plain-text message. */
  htmlMessage?: string;
  settings?: MailSettings;
}

/** Django's send_mail: one message to every recipient; resolves to 1 if sent, else 0. */
export async function sendMail(
  subject: string,
  message: string,
  fromEmail: string | null,
  recipientList: readonly (string | Address)[],
  options: SendMailOptions = {},
): Promise<number> {
  const connection = connectionOf(options);
  const mail = new EmailMessage({
    subject,
    body: message,
    fromEmail,
    to: recipientList,
    connection,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  if (options.htmlMessage !== undefined) mail.attachAlternative(options.htmlMessage, 'text/html');
  return mail.send(options.failSilently);
}

export type MassMailEntry = readonly [
  subject: string,
  message: string,
  fromEmail: string | null,
  recipientList: readonly (string | Address)[],
];

/** Django's send_mass_mail: many messages over ONE connection; resolves to the number sent. */
export async function sendMassMail(
  datatuple: readonly MassMailEntry[],
  options: Omit<SendMailOptions, 'htmlMessage'> = {},
): Promise<number> {
  const connection = connectionOf(options);
  const messages = datatuple.map(
    ([subject, body, fromEmail, to]) =>
      new EmailMessage({
        subject,
        body,
        fromEmail,
        to,
        connection,
        ...(options.settings ? { settings: options.settings } : {}),
      }),
  );
  return connection.sendMessages(messages);
}

export type MailAdminsOptions = Pick<
  SendMailOptions,
  'failSilently' | 'connection' | 'using' | 'htmlMessage' | 'settings'
>;

/** Django's mail_admins: to ADMINS, from SERVER_EMAIL, subject prefixed; 0 when ADMINS is empty. */
export const mailAdmins = staffMailer((settings) => settings.admins);

/** Django's mail_managers: as mailAdmins, to MANAGERS. */
export const mailManagers = staffMailer((settings) => settings.managers);

/** mail_admins or mail_managers, to the staff list `recipients` picks from the settings. */
function staffMailer(recipients: (settings: MailSettings) => readonly Address[]) {
  return async (
    subject: string,
    message: string,
    options: MailAdminsOptions = {},
  ): Promise<number> => {
    const settings = options.settings ?? getMailSettings();
    const staff = recipients(settings);
    if (staff.length === 0) return 0;
    const connection = connectionOf({ ...options, settings });
    const mail = new EmailMessage({
      subject: `${settings.subjectPrefix}${subject}`,
      body: message,
      fromEmail: settings.serverEmail,
      to: staff.map(formatAddress),
      connection,
      settings,
    });
    if (options.htmlMessage !== undefined) mail.attachAlternative(options.htmlMessage, 'text/html');
    return mail.send(options.failSilently);
  };
}

/** The caller's connection, or a new one to the mailer `using` with the call's login. */
function connectionOf(options: SendMailOptions): MailConnection {
  if (options.connection !== undefined) {
    if (options.using !== undefined) throw new TypeError('pass using or connection, not both.');
    return options.connection;
  }
  return getConnection(undefined, {
    ...(options.failSilently === undefined ? {} : { failSilently: options.failSilently }),
    ...(options.using === undefined ? {} : { using: options.using }),
    ...(options.authUser !== undefined ? { username: options.authUser } : {}),
    ...(options.authPassword !== undefined ? { password: options.authPassword } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
}

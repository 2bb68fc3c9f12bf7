import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import {
  classifyDeliveryError,
  DEFAULT_MAILER,
  deliversMail,
  EmailMessage,
  formatAddress,
  getConnection,
  mailerNames,
  UnknownMailerError,
} from '@rolegate/mail';
import { adminRecipients } from '../notifications/level-request.js';
import { checkMail } from '../outbox/mail-check.js';
import {
  type CliIo,
  type Command,
  EXIT_FAILURE,
  EXIT_OK,
  readConfig,
  UsageError,
  withDatabase,
} from './command.js';
import { mailSetup } from './mail-setup.js';
import { mailAddress, SETUP_USAGE } from './mail-setup-args.js';

const USAGE =
  `${SETUP_USAGE}\n` +
  'rolegate mail check [--send-to ADDR]\n' +
  '  Diagnoses the mail settings: DNS, connection, TLS mode, login, sender and recipients (nothing\n' +
  '  is sent); with --send-to also sends a test message. Exit 0 when mail works, 1 when not.\n' +
  'rolegate mail send-test --to ADDR [--mailer NAME]\n' +
  '  Sends one test message now, directly (not through the outbox), through the default mailer or\n' +
  '  the MAILERS entry NAME. Exit 0 sent, 1 not, with why.';

export const mailCommand: Command = {
  summary:
    'find working mail settings (mail setup), check them (mail check) or send a test message (mail send-test)',
  usage: USAGE,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'setup') return mailSetup(rest, io);
    if (subcommand === 'check') return check(rest, io);
    if (subcommand === 'send-test') return sendTest(rest, io);
    throw new UsageError(
      subcommand === undefined
        ? 'mail needs a subcommand: setup, check or send-test.'
        : `Unknown mail subcommand "${subcommand}": use setup, check or send-test.`,
    );
  },
};

async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'send-to': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const sendTo =
    values['send-to'] === undefined ? undefined : address('--send-to', values['send-to']);
  const config = readConfig();
  // Without ADMINS the app mails the admin accounts: check those. A database that cannot be read
  // leaves the check to the sender alone, as the mail settings are what is being checked.
  const adminAccounts =
    config.mail.admins.length > 0 || !deliversMail(config.mail)
      ? []
      : await withDatabase(config, (db) => adminRecipients(db, config)).catch(() => []);
  const result = await checkMail(config.mail, { sendTo, adminAccounts });
  io.stdout.write(`${result.text}\n`);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}

async function sendTest(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { to: { type: 'string' }, mailer: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.to === undefined) throw new UsageError('send-test needs --to ADDR.');
  const to = address('--to', values.to);
  const config = readConfig();
  const settings = config.mail;
  const using = values.mailer ?? DEFAULT_MAILER;
  if (!mailerNames(settings).includes(using)) {
    throw new UsageError(new UnknownMailerError(using, mailerNames(settings)).message);
  }
  const message = new EmailMessage({
    subject: `${settings.subjectPrefix}Test message`,
    body: [
      'This is a test message from Rolegate (rolegate mail send-test).',
      `Sent from ${hostname()} at ${new Date().toISOString()} as ${settings.defaultFromEmail}.`,
      'If you read this, Rolegate can send mail.',
      '',
    ].join('\n'),
    fromEmail: settings.defaultFromEmail,
    to: [to],
    settings,
  });
  const connection = getConnection(undefined, { settings, using });
  try {
    await connection.sendMessages([message]);
  } catch (error) {
    const { reason } = classifyDeliveryError(error);
    io.stderr.write(
      `Not sent to ${to}: ${reason}\nRun \`rolegate mail check\` for a step-by-step diagnosis.\n`,
    );
    return EXIT_FAILURE;
  } finally {
    await connection.close();
  }
  const through = using === DEFAULT_MAILER ? '' : ` through the mailer '${using}'`;
  io.stdout.write(`Sent a test message to ${to}${through} (Message-ID ${message.messageId}).\n`);
  return EXIT_OK;
}

/** Takes `a@example.com` or `Name <a@example.com>`, as the settings do. */
function address(option: string, value: string): string {
  return formatAddress(mailAddress(option, value));
}

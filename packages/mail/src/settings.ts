/**
 * Mail settings: Django's EMAIL_* names, read from the environment into one typed object.
 * This is the one place where mail variables are read; everything else takes a MailSettings.
 */
import { type Address, formatAddress, parseAddress, splitAddressList } from './address.js';
import { DEFAULT_TIMEOUT_MS, readEmailUrl } from './email-url.js';
import { parseTimeoutMs, readVariable } from './env-values.js';
import { DEFAULT_MAILER, readMailersSetting } from './mailers-setting.js';
import { ProblemList } from './settings-error.js';
import type { MailerSettings, Transport } from './transport.js';
import { readTransportVariables, TRANSPORT_VARIABLES } from './transport-variables.js';

export type { Address } from './address.js';
export { parseEmailUrl } from './email-url.js';
export { MailSettingsError, type MailSettingsProblem } from './settings-error.js';
export type { MailerSettings, Security, SmtpTransport, Transport } from './transport.js';

/** The top-level transport, failover and failSilently are the default mailer's. */
export interface MailSettings extends MailerSettings {
  /**
   * Set when MAILERS defined the mailers: every mailer but "default", by name (possibly none).
   * Unset with EMAIL_URL or the EMAIL_* settings, which define the default mailer alone.
   */
  namedMailers?: Record<string, MailerSettings>;
  defaultFromEmail: string;
  serverEmail: string;
  subjectPrefix: string;
  admins: Address[];
  managers: Address[];
  /** Settings that were set but have no effect, e.g. EMAIL_HOST next to EMAIL_URL. */
  warnings?: string[];
}

export const DEFAULT_SUBJECT_PREFIX = '[Rolegate] ';

/**
 * True when some transport (the main one or a failover) sends over SMTP: with only the console,
 * file, memory or dummy backend, nobody receives the mail.
 */
export function deliversMail(settings: Pick<MailSettings, 'transport' | 'failover'>): boolean {
  return [settings.transport, ...settings.failover].some(
    (transport) => transport.backend === 'smtp',
  );
}

/**
 * The settings MAILERS replaces (Django 6.1 deprecates them all): setting any of them next to
 * MAILERS is an error, since one of the two would silently be ignored.
 */
export const REPLACED_BY_MAILERS: readonly string[] = [
  'EMAIL_URL',
  'EMAIL_FAILOVER_URLS',
  ...TRANSPORT_VARIABLES,
  'EMAIL_TIMEOUT',
  'EMAIL_SSL_CERTFILE',
  'EMAIL_SSL_KEYFILE',
];

/**
 * True when the environment picks a mail transport at all (MAILERS, EMAIL_URL, EMAIL_FAILOVER_URLS
 * or any of Django's separate transport settings). An application can then tell "left at Django's
 * defaults" from "no mail configured yet".
 */
export function hasTransportSettings(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['MAILERS', 'EMAIL_URL', 'EMAIL_FAILOVER_URLS', ...TRANSPORT_VARIABLES].some(
    (name) => readVariable(env, name) !== undefined,
  );
}

/**
 * Reads the mail settings from the environment (default `process.env`).
 *
 * The transport comes from `EMAIL_URL` when it is set: the URL then wins over EMAIL_BACKEND,
 * EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL and
 * EMAIL_FILE_PATH, which are ignored (and listed in `warnings`). EMAIL_TIMEOUT,
 * EMAIL_SSL_CERTFILE and EMAIL_SSL_KEYFILE still apply unless the URL's query sets them.
 * Without EMAIL_URL the separate Django settings are used. `MAILERS` (Django 6.1) replaces all of
 * these: it is read alone, and any of them next to it is a problem.
 *
 * Throws one MailSettingsError listing every problem found.
 */
export function loadMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const problems = new ProblemList();
  const read = (name: string) => readVariable(env, name);
  const mailersValue = read('MAILERS');
  const mailers =
    mailersValue === undefined
      ? readEmailSettingsMailer(problems, env)
      : readMailers(problems, env, mailersValue);

  const settings: MailSettings = {
    ...mailers.default,
    ...(mailers.named === undefined ? {} : { namedMailers: mailers.named }),
    defaultFromEmail: readSender(problems, env, 'DEFAULT_FROM_EMAIL', 'webmaster@localhost'),
    serverEmail: readSender(problems, env, 'SERVER_EMAIL', 'root@localhost'),
    subjectPrefix: readSubjectPrefix(problems, env),
    admins: readAddressList(problems, 'ADMINS', read('ADMINS')),
    managers: readAddressList(problems, 'MANAGERS', read('MANAGERS')),
  };
  problems.throwIfAny();
  if (mailers.warnings.length > 0) settings.warnings = mailers.warnings;
  return settings;
}

interface ReadMailers {
  default: MailerSettings;
  named?: Record<string, MailerSettings>;
  warnings: string[];
}

function readMailers(problems: ProblemList, env: NodeJS.ProcessEnv, value: string): ReadMailers {
  const alongside = REPLACED_BY_MAILERS.filter((name) => readVariable(env, name) !== undefined);
  if (alongside.length > 0) {
    problems.add(
      'MAILERS',
      `is set together with ${alongside.join(', ')}: both define how mail is sent, so one would be ignored.`,
      `keep MAILERS and move those values into its OPTIONS (host, port, username, password, use_tls, use_ssl, timeout, …), then unset ${alongside.join(', ')}; or unset MAILERS to keep the EMAIL_* settings.`,
    );
  }
  const { [DEFAULT_MAILER]: main, ...named } = readMailersSetting(problems, value);
  return {
    default: main ?? { transport: { backend: 'dummy' }, failover: [] },
    named,
    warnings: [],
  };
}

function readEmailSettingsMailer(problems: ProblemList, env: NodeJS.ProcessEnv): ReadMailers {
  const warnings: string[] = [];
  const read = (name: string) => readVariable(env, name);
  const timeoutMs = parseTimeoutMs(
    problems,
    'EMAIL_TIMEOUT',
    read('EMAIL_TIMEOUT'),
    DEFAULT_TIMEOUT_MS,
  );
  const emailUrl = read('EMAIL_URL');
  let transport: Transport;
  if (emailUrl === undefined) {
    transport = readTransportVariables(problems, env, timeoutMs);
  } else {
    transport = readEmailUrl(problems, 'EMAIL_URL', emailUrl, {
      timeoutMs,
      sslCertfile: read('EMAIL_SSL_CERTFILE') ?? null,
      sslKeyfile: read('EMAIL_SSL_KEYFILE') ?? null,
    });
    const shadowed = TRANSPORT_VARIABLES.filter((name) => read(name) !== undefined);
    if (shadowed.length > 0) {
      warnings.push(`${shadowed.join(', ')} ignored: EMAIL_URL is set and defines the transport.`);
    }
  }

  const failover = splitUrls(read('EMAIL_FAILOVER_URLS')).map((url, index) =>
    readEmailUrl(problems, `EMAIL_FAILOVER_URLS (entry ${index + 1})`, url, { timeoutMs }),
  );
  return { default: { transport, failover }, warnings };
}

function splitUrls(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

function readSender(
  problems: ProblemList,
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: string,
): string {
  const value = readVariable(env, variable);
  if (value === undefined) return fallback;
  const address = parseAddress(value);
  if (address === null) {
    problems.add(
      variable,
      `'${value}' is not an email address.`,
      `set ${variable} to an address such as rolegate@example.com or "Rolegate <rolegate@example.com>".`,
    );
    return fallback;
  }
  return formatAddress(address);
}

function readSubjectPrefix(problems: ProblemList, env: NodeJS.ProcessEnv): string {
  // Unlike the other settings an empty value is meaningful here: no prefix at all.
  const value = env.EMAIL_SUBJECT_PREFIX;
  if (value === undefined) return DEFAULT_SUBJECT_PREFIX;
  if (/[\r\n]/.test(value)) {
    problems.add(
      'EMAIL_SUBJECT_PREFIX',
      'contains a line break, which would let it inject mail headers.',
      'write the prefix on one line, e.g. "[Rolegate] ".',
    );
    return DEFAULT_SUBJECT_PREFIX;
  }
  return value;
}

/** `ADMINS` / `MANAGERS`: comma-separated `Name <email>` or `email` entries. */
export function readAddressList(
  problems: ProblemList,
  variable: string,
  value: string | undefined,
): Address[] {
  if (value === undefined) return [];
  const addresses: Address[] = [];
  for (const [index, entry] of splitAddressList(value).entries()) {
    const address = parseAddress(entry);
    if (address === null) {
      problems.add(
        variable,
        `entry ${index + 1} '${entry}' is not an email address.`,
        `write ${variable} as comma-separated entries, each "Name <email>" or "email", e.g. ${variable}="Jane Doe <jane@example.com>, ops@example.com" (quote a name that contains a comma).`,
      );
    } else {
      addresses.push(address);
    }
  }
  return addresses;
}

/**
 * `MAILERS`: Django 6.1's named mailers, as JSON in the shape of its setting:
 * `{"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": …}}}`.
 * OPTIONS are named as Django's backends take them (host, port, username, password, use_tls,
 * use_ssl, timeout, ssl_keyfile, ssl_certfile, fail_silently; file_path for the file backend).
 */
import { BACKEND_FIX, type BackendName, resolveBackendName } from './backend-names.js';
import { DEFAULT_TIMEOUT_MS } from './email-url.js';
import { checkPortSecurity, defaultPort } from './port-security.js';
import type { ProblemList } from './settings-error.js';
import type { MailerSettings, Security, Transport } from './transport.js';

export const DEFAULT_MAILER = 'default';

const SMTP_OPTIONS = [
  'host',
  'port',
  'username',
  'password',
  'use_tls',
  'use_ssl',
  'timeout',
  'ssl_keyfile',
  'ssl_certfile',
  'fail_silently',
] as const;
const OPTIONS_BY_BACKEND: Readonly<Record<BackendName, readonly string[]>> = {
  smtp: SMTP_OPTIONS,
  file: ['file_path', 'fail_silently'],
  console: ['fail_silently'],
  memory: ['fail_silently'],
  dummy: ['fail_silently'],
};
const SHAPE_FIX =
  'write MAILERS as JSON naming each mailer, e.g. MAILERS=\'{"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": "smtp.example.com", "port": 587, "use_tls": true, "username": "me", "password": "secret"}}}\'.';

type Json = Record<string, unknown>;

/** The mailers MAILERS names, by name; `default` is always among them when nothing is wrong. */
export function readMailersSetting(
  problems: ProblemList,
  value: string,
): Record<string, MailerSettings> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.add('MAILERS', `is not valid JSON (${why}).`, SHAPE_FIX);
    return {};
  }
  if (!isObject(parsed)) {
    problems.add('MAILERS', 'is not a JSON object of mailers by name.', SHAPE_FIX);
    return {};
  }
  const mailers: Record<string, MailerSettings> = {};
  for (const [name, entry] of Object.entries(parsed)) {
    const mailer = readMailer(problems, name, entry);
    if (mailer !== null) mailers[name] = mailer;
  }
  if (!(DEFAULT_MAILER in parsed)) {
    const names = Object.keys(parsed);
    problems.add(
      'MAILERS',
      names.length === 0
        ? 'names no mailer, so no mail could be sent.'
        : `has no "default" mailer (it names ${names.map((n) => `"${n}"`).join(', ')}), and the application's mail goes through "default".`,
      'add a mailer named "default" to MAILERS (rename the main one to "default").',
    );
  }
  return mailers;
}

function readMailer(problems: ProblemList, name: string, entry: unknown): MailerSettings | null {
  const at = `MAILERS.${name}`;
  if (name.trim() === '' || /[\r\n]/.test(name)) {
    problems.add(
      'MAILERS',
      `has a mailer with the name '${name}'.`,
      'name every mailer with a word, like "default" or "bulk".',
    );
    return null;
  }
  if (!isObject(entry)) {
    problems.add(at, 'is not an object with BACKEND and OPTIONS.', SHAPE_FIX);
    return null;
  }
  for (const key of Object.keys(entry)) {
    if (key !== 'BACKEND' && key !== 'OPTIONS') {
      problems.add(
        at,
        `has the key '${key}', which Django's MAILERS does not know.`,
        'give each mailer only BACKEND and OPTIONS.',
      );
    }
  }
  const backendName = entry.BACKEND;
  if (typeof backendName !== 'string') {
    problems.add(`${at}.BACKEND`, 'is missing or not a string.', BACKEND_FIX);
    return null;
  }
  const backend = resolveBackendName(backendName);
  if (backend === null) {
    problems.add(`${at}.BACKEND`, `'${backendName}' is not a mail backend.`, BACKEND_FIX);
    return null;
  }
  const options = entry.OPTIONS ?? {};
  if (!isObject(options)) {
    problems.add(
      `${at}.OPTIONS`,
      'is not a JSON object.',
      `write the options as an object, e.g. "OPTIONS": {"fail_silently": false}.`,
    );
    return null;
  }
  const known = OPTIONS_BY_BACKEND[backend];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      problems.add(
        `${at}.OPTIONS`,
        `'${key}' is not an option of the ${backend} backend.`,
        `the ${backend} backend takes ${known.join(', ')}.`,
      );
    }
  }
  const read = new OptionReader(problems, `${at}.OPTIONS`, options);
  const failSilently = read.boolean('fail_silently');
  const transport = readTransport(read, backend);
  if (transport === null) return null;
  return failSilently ? { transport, failover: [], failSilently } : { transport, failover: [] };
}

function readTransport(read: OptionReader, backend: BackendName): Transport | null {
  if (backend === 'file') {
    const filePath = read.string('file_path');
    if (filePath === null) {
      read.problem(
        'file_path',
        'the file backend needs a directory to write messages to, and none is set.',
        'set "file_path" to a directory (created if missing), e.g. "./.data/mail".',
      );
      return null;
    }
    return { backend: 'file', filePath };
  }
  if (backend !== 'smtp') return { backend };

  const useTls = read.boolean('use_tls');
  const useSsl = read.boolean('use_ssl');
  if (useTls && useSsl) {
    read.problem(
      'use_tls',
      'use_tls and use_ssl are both true, but they are two different modes.',
      'keep one: "use_tls": true for STARTTLS (port 587) or "use_ssl": true for implicit TLS (port 465).',
    );
  }
  const security: Security = useSsl && !useTls ? 'ssl' : useTls ? 'starttls' : 'none';
  const port = read.port('port') ?? defaultPort(security);
  read.checkPort(port, security);
  const username = read.string('username');
  const password = read.string('password');
  if (username !== null && password === null) {
    read.problem(
      'password',
      `the user '${username}' has no password, so AUTH would fail.`,
      'add "password" (for Gmail and Outlook an app password), or drop "username" to send without AUTH.',
    );
  } else if (username === null && password !== null) {
    read.problem(
      'username',
      'a password is set but no user name, so it would never be used.',
      'add "username" (often the full address), or drop "password".',
    );
  }
  const sslCertfile = read.string('ssl_certfile');
  const sslKeyfile = read.string('ssl_keyfile');
  if (sslKeyfile !== null && sslCertfile === null) {
    read.problem(
      'ssl_keyfile',
      'a client key without a client certificate is never used.',
      'add "ssl_certfile", or drop "ssl_keyfile".',
    );
  }
  return {
    backend: 'smtp',
    host: read.string('host') ?? 'localhost',
    port,
    username,
    password,
    security,
    timeoutMs: read.timeoutMs('timeout') ?? DEFAULT_TIMEOUT_MS,
    sslCertfile,
    sslKeyfile,
  };
}

/** Reads typed values out of one mailer's OPTIONS, naming the exact option in each problem. */
class OptionReader {
  constructor(
    private readonly problems: ProblemList,
    private readonly at: string,
    private readonly options: Json,
  ) {}

  problem(key: string, message: string, fix: string): void {
    this.problems.add(`${this.at}.${key}`, message, fix);
  }

  string(key: string): string | null {
    const value = this.options[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return value;
    this.problem(
      key,
      `${JSON.stringify(value)} is not a string.`,
      `write "${key}" as a JSON string.`,
    );
    return null;
  }

  boolean(key: string): boolean {
    const value = this.options[key];
    if (value === undefined || value === null || typeof value === 'boolean') return value === true;
    this.problem(
      key,
      `${JSON.stringify(value)} is not true or false.`,
      `write "${key}": true or "${key}": false (JSON booleans, no quotes).`,
    );
    return false;
  }

  port(key: string): number | null {
    const value = this.options[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) {
      return value;
    }
    this.problem(
      key,
      `${JSON.stringify(value)} is not a port number.`,
      `write "${key}" as a number from 1 to 65535: usually 587 (STARTTLS), 465 (SSL) or 25.`,
    );
    return null;
  }

  /** Seconds, as Django's float, to milliseconds. */
  timeoutMs(key: string): number | null {
    const value = this.options[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
      return Math.max(1, Math.round(value * 1000));
    }
    this.problem(
      key,
      `${JSON.stringify(value)} is not a positive number of seconds.`,
      `write "${key}" as the seconds to wait for the mail server, e.g. 10; a timeout is required so a dead server cannot hang a worker.`,
    );
    return null;
  }

  checkPort(port: number, security: Security): void {
    checkPortSecurity(this.problems, `${this.at}.port`, port, security, {
      sslOnStarttlsPort:
        'for port 587 set "use_tls": true and drop "use_ssl"; to keep SSL set "port": 465.',
      starttlsOnSslPort:
        'for port 465 set "use_ssl": true and drop "use_tls"; to keep STARTTLS set "port": 587.',
      plainOnSslPort: 'for port 465 set "use_ssl": true.',
    });
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

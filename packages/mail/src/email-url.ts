import { fileURLToPath } from 'node:url';
import { parseTimeoutMs } from './env-values.js';
import { checkPortSecurity, defaultPort } from './port-security.js';
import { ProblemList } from './settings-error.js';
import type { Security, SmtpTransport, Transport } from './transport.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

const SMTP_SCHEMES: Readonly<Record<string, Security>> = {
  smtp: 'none',
  'smtp+tls': 'starttls',
  smtps: 'ssl',
  'smtp+ssl': 'ssl',
};
const SIMPLE_SCHEMES: Readonly<Record<string, Transport>> = {
  console: { backend: 'console' },
  memory: { backend: 'memory' },
  locmem: { backend: 'memory' },
  dummy: { backend: 'dummy' },
};
const QUERY_KEYS = new Set(['timeout', 'ssl_certfile', 'ssl_keyfile']);
const SCHEME_FIX =
  'use smtp://user:pass@host:25, smtp+tls://user:pass@host:587 (STARTTLS), smtps://user:pass@host:465 (implicit TLS), console:, file:///absolute/dir, memory: or dummy:.';

/**
 * Parses one mail URL (`EMAIL_URL` or an entry of `EMAIL_FAILOVER_URLS`) into a transport.
 * User and password are URL-decoded (write `@` as `%40`, `:` as `%3A`, `,` as `%2C`); the query
 * may set `timeout` (seconds), `ssl_certfile` and `ssl_keyfile`. Throws MailSettingsError.
 */
export function parseEmailUrl(url: string, variable = 'EMAIL_URL'): Transport {
  const problems = new ProblemList();
  const transport = readEmailUrl(problems, variable, url, { timeoutMs: DEFAULT_TIMEOUT_MS });
  problems.throwIfAny();
  return transport;
}

export interface UrlDefaults {
  timeoutMs: number;
  sslCertfile?: string | null;
  sslKeyfile?: string | null;
}

/** Like parseEmailUrl, but records problems instead of throwing (returns a placeholder then). */
export function readEmailUrl(
  problems: ProblemList,
  variable: string,
  url: string,
  defaults: UrlDefaults,
): Transport {
  const placeholder: Transport = { backend: 'dummy' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    problems.add(variable, `'${redact(url)}' is not a mail URL.`, SCHEME_FIX);
    return placeholder;
  }
  const simple = SIMPLE_SCHEMES[scheme];
  if (simple) return { ...simple };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.add(variable, `'${redact(url)}' is not a valid URL.`, SCHEME_FIX);
    return placeholder;
  }
  if (scheme === 'file') return readFileUrl(problems, variable, url, parsed) ?? placeholder;
  const security = SMTP_SCHEMES[scheme];
  if (security === undefined) {
    problems.add(variable, `the scheme '${scheme}:' is not a mail transport.`, SCHEME_FIX);
    return placeholder;
  }
  return readSmtpUrl(problems, variable, url, parsed, security, defaults);
}

function readSmtpUrl(
  problems: ProblemList,
  variable: string,
  url: string,
  parsed: URL,
  security: Security,
  defaults: UrlDefaults,
): SmtpTransport {
  const username = decode(parsed.username);
  const password = decode(parsed.password);
  if (username !== null && password === null) {
    problems.add(
      variable,
      `the URL names the user '${username}' but no password.`,
      'write it as smtp://user:password@host (URL-encode special characters in the password).',
    );
  } else if (username === null && password !== null) {
    problems.add(
      variable,
      'the URL has a password but no user name.',
      'write it as smtp://user:password@host, or drop both to send without AUTH.',
    );
  }
  const port = parsed.port === '' ? defaultPort(security) : Number(parsed.port);
  if (port < 1) {
    problems.add(variable, `port ${port} is out of range.`, 'use a port from 1 to 65535.');
  }
  checkPortSecurity(problems, variable, port, security, {
    sslOnStarttlsPort: 'use smtp+tls://…:587 for STARTTLS, or smtps://…:465 for implicit TLS.',
    starttlsOnSslPort: 'use smtps://…:465 for implicit TLS, or smtp+tls://…:587 for STARTTLS.',
    plainOnSslPort: 'use smtps://…:465.',
  });
  for (const key of parsed.searchParams.keys()) {
    if (!QUERY_KEYS.has(key)) {
      problems.add(
        variable,
        `unknown URL option '${key}' in '${redact(url)}'.`,
        'the options are timeout (seconds), ssl_certfile and ssl_keyfile.',
      );
    }
  }
  const query = (key: string) => parsed.searchParams.get(key)?.trim() || undefined;
  return {
    backend: 'smtp',
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port,
    username,
    password,
    security,
    timeoutMs: parseTimeoutMs(
      problems,
      `${variable} (timeout)`,
      query('timeout'),
      defaults.timeoutMs,
    ),
    sslCertfile: query('ssl_certfile') ?? defaults.sslCertfile ?? null,
    sslKeyfile: query('ssl_keyfile') ?? defaults.sslKeyfile ?? null,
  };
}

function readFileUrl(
  problems: ProblemList,
  variable: string,
  url: string,
  parsed: URL,
): Transport | null {
  // `file:relative` and `file://dir/x` parse into surprising absolute paths, so only the
  // unambiguous `file:///absolute/path` form is taken.
  if (!/^file:\/\/(localhost)?\//i.test(url) || parsed.pathname === '/') {
    problems.add(
      variable,
      `'${url}' does not name an absolute directory.`,
      'write file:///absolute/path/to/dir, or use EMAIL_BACKEND=file with EMAIL_FILE_PATH for a relative path.',
    );
    return null;
  }
  return { backend: 'file', filePath: fileURLToPath(parsed) };
}

function decode(part: string): string | null {
  if (part === '') return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Hides the password so a URL can appear in an error message or a log. */
export function redact(url: string): string {
  return url.replace(/\/\/(.*)@/, (_match, credentials: string) => {
    const colon = credentials.indexOf(':');
    return colon < 0 ? `//${credentials}@` : `//${credentials.slice(0, colon)}:***@`;
  });
}

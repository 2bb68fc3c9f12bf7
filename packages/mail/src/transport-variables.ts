import { BACKEND_FIX, resolveBackendName } from './backend-names.js';
import { parseBoolean, parsePort, readVariable } from './env-values.js';
import { checkPortSecurity, defaultPort } from './port-security.js';
import type { ProblemList } from './settings-error.js';
import type { Security, Transport } from './transport.js';

/** The variables EMAIL_URL replaces (EMAIL_TIMEOUT and the certificate files still apply). */
export const TRANSPORT_VARIABLES = [
  'EMAIL_BACKEND',
  'EMAIL_HOST',
  'EMAIL_PORT',
  'EMAIL_HOST_USER',
  'EMAIL_HOST_PASSWORD',
  'EMAIL_USE_TLS',
  'EMAIL_USE_SSL',
  'EMAIL_FILE_PATH',
] as const;

/** The transport from Django's separate settings (EMAIL_BACKEND, EMAIL_HOST, …). */
export function readTransportVariables(
  problems: ProblemList,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Transport {
  const read = (name: string) => readVariable(env, name);
  const backendName = read('EMAIL_BACKEND') ?? 'smtp';
  const backend = resolveBackendName(backendName);
  if (backend === null) {
    problems.add('EMAIL_BACKEND', `'${backendName}' is not a mail backend.`, BACKEND_FIX);
    return { backend: 'dummy' };
  }
  if (backend === 'file') {
    const filePath = read('EMAIL_FILE_PATH');
    if (filePath === undefined) {
      problems.add(
        'EMAIL_FILE_PATH',
        'the file backend needs a directory to write messages to, and none is set.',
        'set EMAIL_FILE_PATH to a directory (created if missing), e.g. EMAIL_FILE_PATH=./.data/mail.',
      );
      return { backend: 'dummy' };
    }
    return { backend: 'file', filePath };
  }
  if (backend !== 'smtp') return { backend };

  const security = readSecurity(problems, env);
  const port = parsePort(problems, 'EMAIL_PORT', read('EMAIL_PORT'), defaultPort(security));
  checkPortSecurity(problems, 'EMAIL_PORT', port, security, {
    sslOnStarttlsPort:
      'for port 587 set EMAIL_USE_TLS=true and EMAIL_USE_SSL=false; to keep SSL set EMAIL_PORT=465.',
    starttlsOnSslPort:
      'for port 465 set EMAIL_USE_SSL=true and EMAIL_USE_TLS=false; to keep STARTTLS set EMAIL_PORT=587.',
    plainOnSslPort: 'for port 465 set EMAIL_USE_SSL=true.',
  });

  const username = read('EMAIL_HOST_USER') ?? null;
  const password = read('EMAIL_HOST_PASSWORD') ?? null;
  if (username !== null && password === null) {
    problems.add(
      'EMAIL_HOST_PASSWORD',
      'EMAIL_HOST_USER is set but EMAIL_HOST_PASSWORD is empty, so AUTH would fail.',
      'set EMAIL_HOST_PASSWORD (for Gmail and Outlook an app password), or unset EMAIL_HOST_USER to send without AUTH.',
    );
  } else if (username === null && password !== null) {
    problems.add(
      'EMAIL_HOST_USER',
      'EMAIL_HOST_PASSWORD is set but EMAIL_HOST_USER is empty, so the password would never be used.',
      'set EMAIL_HOST_USER to the login name (often the full address), or unset EMAIL_HOST_PASSWORD.',
    );
  }

  const sslCertfile = read('EMAIL_SSL_CERTFILE') ?? null;
  const sslKeyfile = read('EMAIL_SSL_KEYFILE') ?? null;
  if (sslKeyfile !== null && sslCertfile === null) {
    problems.add(
      'EMAIL_SSL_KEYFILE',
      'a client key without a client certificate is never used.',
      'set EMAIL_SSL_CERTFILE to the PEM certificate that goes with the key, or unset EMAIL_SSL_KEYFILE.',
    );
  }
  if (sslCertfile !== null && security === 'none') {
    problems.add(
      'EMAIL_SSL_CERTFILE',
      'a client certificate is set, but neither EMAIL_USE_TLS nor EMAIL_USE_SSL, so it would never be sent.',
      'set EMAIL_USE_TLS=true (port 587) or EMAIL_USE_SSL=true (port 465), or unset EMAIL_SSL_CERTFILE.',
    );
  }

  return {
    backend: 'smtp',
    host: read('EMAIL_HOST') ?? 'localhost',
    port,
    username,
    password,
    security,
    timeoutMs,
    sslCertfile,
    sslKeyfile,
  };
}

function readSecurity(problems: ProblemList, env: NodeJS.ProcessEnv): Security {
  const useTls = parseBoolean(problems, 'EMAIL_USE_TLS', readVariable(env, 'EMAIL_USE_TLS'), false);
  const useSsl = parseBoolean(problems, 'EMAIL_USE_SSL', readVariable(env, 'EMAIL_USE_SSL'), false);
  if (useTls && useSsl) {
    problems.add(
      'EMAIL_USE_TLS',
      'EMAIL_USE_TLS and EMAIL_USE_SSL are both true, but they are two different modes.',
      'keep one: EMAIL_USE_TLS=true for STARTTLS (port 587) or EMAIL_USE_SSL=true for implicit TLS (port 465).',
    );
    return 'starttls';
  }
  return useSsl ? 'ssl' : useTls ? 'starttls' : 'none';
}

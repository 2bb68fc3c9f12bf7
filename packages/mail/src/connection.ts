import { BACKEND_FIX, type BackendName, resolveBackendName } from './backend-names.js';
import { ConsoleDeliverer } from './backends/console.js';
import { DummyDeliverer } from './backends/dummy.js';
import { FileDeliverer } from './backends/file.js';
import { MemoryDeliverer } from './backends/memory.js';
import { SmtpDeliverer } from './backends/smtp.js';
import { getMailSettings } from './config.js';
import { Connection, type Deliverer, type MailConnection } from './deliverer.js';
import { DEFAULT_TIMEOUT_MS } from './email-url.js';
import { mailerSettings } from './mailer-lookup.js';
import {
  type MailSettings,
  MailSettingsError,
  type SmtpTransport,
  type Transport,
} from './settings.js';

export interface ConnectionOptions {
  /**
   * Errors are swallowed: sendMessages() counts only what was sent (Django's fail_silently).
   * Default: the mailer's OPTIONS.fail_silently, else false.
   */
  failSilently?: boolean;
  /** The mailer (a MAILERS name) to connect to; default "default". Not with a named backend. */
  using?: string;
  /** Per-call settings instead of the module-level ones. */
  settings?: MailSettings;
  /** SMTP overrides, as Django's get_connection(**kwargs); `authUser`/`authPassword` land here. */
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  timeoutMs?: number;
  tls?: SmtpTransport['tls'];
  /** File backend: the directory (else EMAIL_FILE_PATH). */
  filePath?: string;
  /** Console backend: where to write (default process.stdout). */
  stream?: NodeJS.WritableStream;
}

/**
 * A connection to a configured mailer (`options.using`, default "default"), or to `backend` (a name
 * such as `'console'`, a Django dotted path, or a whole Transport). Failover transports from the
 * settings apply only when no backend is named. Nothing connects until open() or sendMessages().
 * Throws UnknownMailerError for a `using` name that is not configured.
 */
export function getConnection(
  backend?: string | Transport,
  options: ConnectionOptions = {},
): MailConnection {
  const settings = options.settings ?? getMailSettings();
  if (backend !== undefined) {
    if (options.using !== undefined) {
      throw new TypeError('getConnection: name a backend or a mailer (using), not both.');
    }
    const transport = withOverrides(namedTransport(backend, settings, options), options);
    return new Connection([createDeliverer(transport, options)], options.failSilently ?? false);
  }
  const mailer = mailerSettings(settings, options.using);
  const transports = [withOverrides(mailer.transport, options), ...mailer.failover];
  return new Connection(
    transports.map((transport) => createDeliverer(transport, options)),
    options.failSilently ?? mailer.failSilently ?? false,
  );
}

function namedTransport(
  backend: string | Transport,
  settings: MailSettings,
  options: ConnectionOptions,
): Transport {
  if (typeof backend !== 'string') return backend;
  const name = resolveBackendName(backend);
  if (name === null) {
    throw new MailSettingsError({
      variable: 'getConnection(backend)',
      message: `'${backend}' is not a mail backend.`,
      fix: BACKEND_FIX,
    });
  }
  if (settings.transport.backend === name) return settings.transport;
  return defaultTransport(name, options);
}

function defaultTransport(name: BackendName, options: ConnectionOptions): Transport {
  switch (name) {
    case 'smtp':
      return {
        backend: 'smtp',
        host: 'localhost',
        port: 25,
        username: null,
        password: null,
        security: 'none',
        timeoutMs: DEFAULT_TIMEOUT_MS,
        sslCertfile: null,
        sslKeyfile: null,
      };
    case 'file':
      if (options.filePath === undefined) {
        throw new MailSettingsError({
          variable: 'EMAIL_FILE_PATH',
          message: 'the file backend needs a directory to write messages to, and none is set.',
          fix: 'pass { filePath } to getConnection, or set EMAIL_FILE_PATH.',
        });
      }
      return { backend: 'file', filePath: options.filePath };
    default:
      return { backend: name };
  }
}

function withOverrides(transport: Transport, options: ConnectionOptions): Transport {
  if (transport.backend === 'file' && options.filePath !== undefined) {
    return { ...transport, filePath: options.filePath };
  }
  if (transport.backend !== 'smtp') return transport;
  return {
    ...transport,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
  };
}

function createDeliverer(transport: Transport, options: ConnectionOptions): Deliverer {
  switch (transport.backend) {
    case 'smtp':
      return new SmtpDeliverer(transport);
    case 'console':
      return new ConsoleDeliverer(options.stream);
    case 'file':
      return new FileDeliverer(transport.filePath);
    case 'memory':
      return new MemoryDeliverer();
    case 'dummy':
      return new DummyDeliverer();
  }
}

import { createServer } from 'node:net';
import type { Address } from '../address.js';
import {
  loadMailSettings,
  type MailSettings,
  MailSettingsError,
  type MailSettingsProblem,
  type SmtpTransport,
  type Transport,
} from '../settings.js';

/** Django's SMTP transport when nothing is set, spelled out here for tests to compare with. */
export const SMTP_DEFAULTS: SmtpTransport = {
  backend: 'smtp',
  host: 'localhost',
  port: 25,
  username: null,
  password: null,
  security: 'none',
  timeoutMs: 10_000,
  sslCertfile: null,
  sslKeyfile: null,
};

/** Settings around one transport, for tests that pass `settings` per call. */
export function settingsFor(transport: Transport, extra: Partial<MailSettings> = {}): MailSettings {
  return {
    transport,
    failover: [],
    defaultFromEmail: 'Rolegate <noreply@rolegate.test>',
    serverEmail: 'server@rolegate.test',
    subjectPrefix: '[Rolegate] ',
    admins: [],
    managers: [],
    ...extra,
  };
}

/**
 * Settings for diagnosing one SMTP server, the recipients being `admins`: a short timeout so the
 * checks that wait for a silent server end quickly.
 */
export function diagnosisSettings(transport: SmtpTransport, admins: Address[]): MailSettings {
  return settingsFor(
    { ...transport, timeoutMs: 2000 },
    {
      defaultFromEmail: 'Rolegate <rolegate@example.com>',
      serverEmail: 'rolegate@example.com',
      subjectPrefix: '',
      admins,
    },
  );
}

/** A port nothing listens on: bound, read, released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The problems loadMailSettings reports for `env`; fails the test when it reports none. */
export function problemsOf(env: NodeJS.ProcessEnv): readonly MailSettingsProblem[] {
  try {
    loadMailSettings(env);
  } catch (error) {
    if (error instanceof MailSettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected a MailSettingsError');
}

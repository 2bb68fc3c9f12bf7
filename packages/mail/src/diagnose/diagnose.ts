import { parseAddress } from '../address.js';
import { mailerNames, mailerSettings } from '../mailer-lookup.js';
import type { MailSettings, MailSettingsError, Transport } from '../settings.js';
import { checkBackend } from './backend.js';
import { type Check, sentence } from './check.js';
import {
  failoverSettingNames,
  mailerSettingNames,
  mainSettingNames,
  type SettingNames,
} from './setting-names.js';
import { diagnoseSmtp, type EnvelopePlan } from './smtp/diagnose-smtp.js';
import type { Party } from './smtp/envelope.js';
import { type DiagnoseOptions, type Diagnosis, type Finding, isFailure } from './types.js';

/** The `transport` label of findings about the settings as a whole. */
export const SETTINGS_LABEL = 'settings';

/** A transport to check, which mailer it serves, and how its settings are named in a fix. */
interface Target {
  mailer: string;
  transport: Transport;
  names: SettingNames;
}

/**
 * Checks every transport of every mailer (the main one, then each failover; with MAILERS, each
 * named mailer) the way a message would travel: resolve, connect, TLS mode, login, sender and
 * recipients (MAIL FROM / RCPT TO / RSET, never DATA) and, with `sendTo`, a real test message.
 * Never throws for a mail problem: every problem is a finding with a fix.
 */
export async function diagnose(
  settings: MailSettings,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const plan = envelopePlan(settings, options);
  const targets = mailerNames(settings).flatMap((mailer): Target[] => {
    const { transport, failover } = mailerSettings(settings, mailer);
    const names =
      settings.namedMailers === undefined ? mainSettingNames : mailerSettingNames(mailer);
    return [
      { mailer, transport, names },
      ...failover.map((transport, index) => ({
        mailer,
        transport,
        names: failoverSettingNames(index + 1),
      })),
    ];
  });
  // Transports are independent, so a dead main server's timeout does not delay the failovers.
  const perTransport = await Promise.all(
    targets.map(async ({ transport, names }) => {
      const label = `${names.transport} (${describeTransport(transport)})`;
      const checks: Check[] =
        transport.backend === 'smtp'
          ? await diagnoseSmtp(transport, names, plan)
          : [await checkBackend(transport, options.sendTo)];
      return checks.map((check): Finding => ({ transport: label, ...check }));
    }),
  );
  // Mail works when every mailer delivers: through its own transport, or else a failover.
  const works = (mailer: string) =>
    targets.some(
      (target, index) => target.mailer === mailer && !(perTransport[index] ?? []).some(isFailure),
    );
  const warnings = (settings.warnings ?? []).map(
    (warning): Finding => ({
      step: 'settings',
      transport: SETTINGS_LABEL,
      ok: true,
      explanation: warning,
    }),
  );
  return {
    ok: mailerNames(settings).every(works),
    findings: [...warnings, ...perTransport.flat()],
  };
}

/** A MailSettingsError is itself a diagnosis: one finding per problem, with its variable and fix. */
export function diagnoseSettingsError(error: MailSettingsError): Diagnosis {
  return {
    ok: false,
    findings: error.problems.map((problem) => ({
      step: 'settings',
      transport: SETTINGS_LABEL,
      ok: false,
      explanation: `${problem.variable}: ${problem.message}`,
      fix: sentence(problem.fix),
      detail: problem.variable,
    })),
  };
}

function envelopePlan(settings: MailSettings, options: DiagnoseOptions): EnvelopePlan {
  const bare = (address: string) => parseAddress(address)?.email ?? address;
  const recipients: Party[] = options.recipients
    ? options.recipients.map((address) => ({
        address: bare(address),
        setting: options.recipientsSetting ?? 'the given recipients',
      }))
    : settings.admins.map((admin) => ({ address: admin.email, setting: 'ADMINS' }));
  const sendTo = options.sendTo === undefined ? {} : { sendTo: bare(options.sendTo) };
  if (options.from !== undefined) {
    return {
      senders: [{ address: bare(options.from), setting: 'the given sender' }],
      recipients,
      ...sendTo,
    };
  }
  const from = bare(settings.defaultFromEmail);
  const server = bare(settings.serverEmail);
  const senders: EnvelopePlan['senders'] =
    from === server
      ? [{ address: from, setting: 'DEFAULT_FROM_EMAIL and SERVER_EMAIL' }]
      : [
          { address: from, setting: 'DEFAULT_FROM_EMAIL' },
          { address: server, setting: 'SERVER_EMAIL' },
        ];
  return { senders, recipients, ...sendTo };
}

/** A password-free summary such as "smtp+tls://smtp.example.com:587 as me@example.com". */
export function describeTransport(transport: Transport): string {
  switch (transport.backend) {
    case 'smtp': {
      const scheme = { none: 'smtp', starttls: 'smtp+tls', ssl: 'smtps' }[transport.security];
      const user = transport.username === null ? '' : ` as ${transport.username}`;
      return `${scheme}://${transport.host}:${transport.port}${user}`;
    }
    case 'file':
      return `file backend, ${transport.filePath}`;
    default:
      return `${transport.backend} backend`;
  }
}

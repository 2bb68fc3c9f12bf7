import { access, constants } from 'node:fs/promises';
import { smtpConnectionOptions } from '../../smtp-connection-options.js';
import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, pass, skip } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import type { Step } from '../types.js';
import { checkAuth } from './auth.js';
import { checkConnect } from './connect.js';
import { checkEnvelope, type Party } from './envelope.js';
import { errorCode, errorMessage } from './errors.js';
import { modeCheck } from './mode-check.js';
import { probePort } from './probe-port.js';
import { checkResolve } from './resolve.js';
import { checkSend } from './send.js';
import { SmtpSession } from './session.js';
import { explainSessionError } from './session-error.js';

export interface EnvelopePlan {
  /** The first sender is the one a test message goes out from (DEFAULT_FROM_EMAIL). */
  senders: [Party, ...Party[]];
  recipients: Party[];
  sendTo?: string;
}

const ORDER: Step[] = [
  'settings',
  'resolve',
  'connect',
  'tls',
  'auth',
  'sender',
  'recipients',
  'send',
];

const FAILED: Partial<Record<Step, string>> = {
  settings: 'a setting is unusable',
  resolve: 'the host does not resolve',
  connect: 'the connection failed',
  tls: 'the TLS set-up failed',
  auth: 'the login failed',
  sender: 'the sender was refused',
};

/** Ends a run at `failed`: the steps after it are reported as skipped. */
export function stopAt(checks: Check[], failed: Check, plan: EnvelopePlan): Check[] {
  checks.push(failed);
  const steps = ORDER.slice(ORDER.indexOf(failed.step) + 1);
  for (const step of steps) {
    if (step === 'send' && plan.sendTo === undefined) continue;
    if (!checks.some((check) => check.step === step))
      checks.push(skip(step, FAILED[failed.step] ?? 'an earlier step failed'));
  }
  return checks;
}

/** Runs the SMTP checks in order; the first failure ends the run and the rest is reported skipped. */
export async function diagnoseSmtp(
  transport: SmtpTransport,
  names: SettingNames,
  plan: EnvelopePlan,
): Promise<Check[]> {
  const checks: Check[] = [];
  const stop = (failed: Check) => stopAt(checks, failed, plan);

  const unreadable = await unreadableFile(transport);
  if (unreadable) return stop(unreadable);
  const resolved = await checkResolve(transport, names);
  if (!resolved.ok) return stop(resolved);
  checks.push(resolved);
  const connected = await checkConnect(transport, names);
  if (connected.socket === null) return stop(connected.check);
  checks.push(connected.check);
  const mode = modeCheck(await probePort(connected.socket, transport), transport, names);
  if (!mode.ok) return stop(mode);
  checks.push(mode);
  return checkSession(transport, names, plan, checks);
}

/**
 * The steps over a real client session, once the port's TLS mode is known to match the settings:
 * TLS set-up and certificate, login, the envelope check and, with `plan.sendTo`, a test message.
 * `onSession` sees the session once it is set up (mail setup reads the AUTH mechanisms offered).
 */
export async function checkSession(
  transport: SmtpTransport,
  names: SettingNames,
  plan: EnvelopePlan,
  checks: Check[] = [],
  onSession?: (session: SmtpSession) => void,
): Promise<Check[]> {
  const stop = (failed: Check) => stopAt(checks, failed, plan);
  const options = await smtpConnectionOptions(transport);
  let session: SmtpSession;
  try {
    session = await SmtpSession.open(options);
  } catch (error) {
    return stop(explainSessionError(error, transport, names));
  }
  onSession?.(session);
  try {
    if (transport.security !== 'none') checks.push(encryptionCheck(transport));
    const auth = await checkAuth(session, transport, names);
    if (!auth.ok) return stop(auth);
    checks.push(auth);
    const envelope = await checkEnvelope(session, transport, names, plan.senders, plan.recipients);
    for (const check of envelope.checks) {
      if (!checks.some((earlier) => earlier.explanation === check.explanation)) checks.push(check);
    }
    if (plan.sendTo === undefined) return checks;
    const sender = plan.senders[0];
    if (!envelope.accepted.has(sender.address)) {
      checks.push(
        skip(
          'send',
          envelope.checks.some((check) => check.step === 'auth')
            ? 'the login failed'
            : 'the sender was refused',
        ),
      );
      return checks;
    }
    await session.close(transport.timeoutMs);
    checks.push(await checkSend(options, transport, names, sender, plan.sendTo));
    return checks;
  } catch (error) {
    return stop(
      fail(
        'sender',
        `The server dropped the connection during the envelope check: ${errorMessage(error)}.`,
        'Run the check again; if it repeats, the server may limit connections from this machine.',
        errorMessage(error),
      ),
    );
  } finally {
    await session.close(transport.timeoutMs);
  }
}

function encryptionCheck(transport: SmtpTransport): Check {
  const name = transport.tls?.servername ?? transport.host;
  if (transport.tls?.rejectUnauthorized === false) {
    return pass(
      'tls',
      `The connection is encrypted, but the certificate of ${name} is not checked.`,
      {
        fix: 'Remove rejectUnauthorized: false: without the check anyone in between can read the mail.',
      },
    );
  }
  return pass('tls', `The certificate of ${name} is valid and the connection is encrypted.`);
}

/** EMAIL_SSL_CERTFILE / EMAIL_SSL_KEYFILE must be readable before any connection is worth trying. */
async function unreadableFile(transport: SmtpTransport): Promise<Check | null> {
  const files = [
    ['EMAIL_SSL_CERTFILE', transport.sslCertfile],
    ['EMAIL_SSL_KEYFILE', transport.sslKeyfile],
  ] as const;
  for (const [variable, path] of files) {
    if (path === null) continue;
    try {
      await access(path, constants.R_OK);
    } catch (error) {
      return fail(
        'settings',
        `${variable} is ${path}, which cannot be read (${errorCode(error) ?? 'error'}).`,
        `Point ${variable} at a readable PEM file, or unset it (it is only needed when the server asks for a client certificate).`,
        errorMessage(error),
      );
    }
  }
  return null;
}

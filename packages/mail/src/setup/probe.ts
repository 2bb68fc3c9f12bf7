import { type Check, fail } from '../diagnose/check.js';
import type { SettingNames } from '../diagnose/setting-names.js';
import { checkConnect } from '../diagnose/smtp/connect.js';
import { checkSession, type EnvelopePlan } from '../diagnose/smtp/diagnose-smtp.js';
import { modeCheck } from '../diagnose/smtp/mode-check.js';
import { probePort } from '../diagnose/smtp/probe-port.js';
import { checkResolve } from '../diagnose/smtp/resolve.js';
import { isFailure } from '../diagnose/types.js';
import type { Security, SmtpTransport } from '../transport.js';
import type { Candidate } from './candidates.js';

/** What probing one candidate found: the checks `mail check` would print for it. */
export interface CandidateResult {
  candidate: Candidate;
  /** The TLS mode the port speaks, once known. */
  security: Security | null;
  /** AUTH mechanisms offered on the (encrypted) session, once one was set up. */
  authMechanisms: string[];
  checks: Check[];
  /** Every step passed: the transport is proposable. */
  ok: boolean;
  transport: SmtpTransport;
}

export interface Credentials {
  username: string | null;
  password: string | null;
}

/** How fixes name things during setup: the command's flags, since nothing is configured yet. */
export const setupSettingNames: SettingNames = {
  transport: 'candidate',
  host: '--host',
  port: '--ports',
  user: '--user',
  password: 'the password',
  securityNow: (security) =>
    security === 'none'
      ? 'no TLS is used'
      : `${security === 'ssl' ? 'implicit TLS' : 'STARTTLS'} is used`,
  setSecurity: (security) =>
    security === 'none' ? 'use no TLS' : `use ${security === 'ssl' ? 'implicit TLS' : 'STARTTLS'}`,
};

/**
 * Probes one host and port the way `mail check` does, but finds the TLS mode instead of taking it
 * from settings: resolve, connect, what the port speaks, then (never with a password over plain
 * text) the session with certificate check, login, MAIL FROM / RCPT TO and RSET.
 */
export async function probeCandidate(
  candidate: Candidate,
  credentials: Credentials,
  plan: EnvelopePlan,
  timeoutMs: number,
): Promise<CandidateResult> {
  const names = setupSettingNames;
  let transport: SmtpTransport = {
    backend: 'smtp',
    host: candidate.host,
    port: candidate.port,
    ...credentials,
    security: 'none',
    timeoutMs,
    sslCertfile: null,
    sslKeyfile: null,
  };
  const result = (checks: Check[], security: Security | null, authMechanisms: string[] = []) => ({
    candidate,
    security,
    authMechanisms,
    checks,
    ok: checks.length > 0 && !checks.some(isFailure),
    transport,
  });

  const resolved = await checkResolve(transport, names);
  if (!resolved.ok) return result([resolved], null);
  const connected = await checkConnect(transport, names);
  if (connected.socket === null) return result([resolved, connected.check], null);
  const mode = await probePort(connected.socket, transport);
  const security: Security | null =
    mode.kind === 'implicit-tls'
      ? 'ssl'
      : mode.kind === 'plain'
        ? mode.starttls
          ? 'starttls'
          : 'none'
        : null;
  if (security === null) return result([resolved, modeCheck(mode, transport, names)], null);
  transport = { ...transport, security };
  if (security === 'none' && credentials.password !== null) {
    return result(
      [
        resolved,
        fail(
          'tls',
          `${candidate.host}:${candidate.port} speaks plain SMTP without TLS, so the password would travel unencrypted: setup never proposes that.`,
          'Use a port where the server offers implicit TLS (465) or STARTTLS (587).',
        ),
      ],
      security,
    );
  }
  let authMechanisms: string[] = [];
  const checks = await checkSession(transport, names, plan, [resolved], (session) => {
    authMechanisms = session.authMechanisms;
  });
  return result(checks, security, authMechanisms);
}

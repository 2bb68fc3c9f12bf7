import type { ProblemList } from './settings-error.js';
import type { Security } from './transport.js';

/** How to tell the user to fix a port/TLS mismatch, in the words of where it was set. */
export interface PortSecurityFixes {
  sslOnStarttlsPort: string;
  starttlsOnSslPort: string;
  plainOnSslPort: string;
}

/**
 * The default port for a TLS mode, as Django 6.1 picks it: 465 for SSL, 587 for STARTTLS, else 25.
 */
export function defaultPort(security: Security): number {
  return security === 'ssl' ? 465 : security === 'starttls' ? 587 : 25;
}

/**
 * Port 587 always greets in plain text and 465 always starts with a TLS handshake, so the wrong
 * mode on either never works: the client waits for a greeting or reads garbage until it times out.
 */
export function checkPortSecurity(
  problems: ProblemList,
  variable: string,
  port: number,
  security: Security,
  fixes: PortSecurityFixes,
): void {
  if (port === 587 && security === 'ssl') {
    problems.add(
      variable,
      'port 587 speaks STARTTLS (a plain greeting, then an upgrade), but SSL/implicit TLS was asked for: the connection would hang until the timeout.',
      fixes.sslOnStarttlsPort,
    );
  } else if (port === 465 && security === 'starttls') {
    problems.add(
      variable,
      'port 465 speaks implicit TLS (SSL) from the first byte, but STARTTLS was asked for: the greeting would never arrive.',
      fixes.starttlsOnSslPort,
    );
  } else if (port === 465 && security === 'none') {
    problems.add(
      variable,
      'port 465 speaks implicit TLS (SSL) from the first byte, but no TLS was asked for: the greeting would never arrive.',
      fixes.plainOnSslPort,
    );
  }
}

// Network trouble: the server, the route or DNS may be back in a minute.
export const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNECTION',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  // A host that does not resolve is usually a typo, but failing at once would drop the message;
  // retrying keeps it until the operator fixes EMAIL_HOST and the backoff comes round again.
  'ENOTFOUND',
  'EDNS',
]);

// Certificate and TLS-version failures do not heal by waiting: they need a settings change.
export const TLS_CONFIG = /CERT|SSL|TLS|SIGNATURE/;

interface ErrorShape {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  timeoutType?: unknown;
}

/** nodemailer's `code` and, for socket errors, the system's `originalCode` (ECONNREFUSED…). */
export function errorCodes(error: unknown): string[] {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  return [shape.originalCode, shape.code].filter((c): c is string => typeof c === 'string');
}

/**
 * True when the server could not be reached at all: refused, unroutable, unresolved, reset, or
 * silent (no greeting, a timeout). Not when it answered with an SMTP reply (421, 535…), and not
 * for TLS or certificate failures: those are answers from a server that is there.
 */
export function isUnreachable(error: unknown): boolean {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  if (typeof shape.responseCode === 'number') return false;
  const codes = errorCodes(error);
  if (codes.some((code) => TLS_CONFIG.test(code))) return false;
  return shape.timeoutType === 'GREETING_TIMEOUT' || codes.some((code) => NETWORK_CODES.has(code));
}

import { MailDeliveryUncertainError, MailFailoverError, messageOf } from './errors.js';
import { UnknownMailerError } from './mailer-lookup.js';
import { errorCodes, NETWORK_CODES, TLS_CONFIG } from './network-failure.js';

export type DeliveryErrorKind = 'temporary' | 'permanent';

export interface DeliveryErrorClass {
  /** temporary: retry later with backoff. permanent: retrying the same message gets the same. */
  kind: DeliveryErrorKind;
  /** One short line for the outbox's last_error column and the admin panel. */
  reason: string;
  /** The SMTP reply code when the server gave one. */
  responseCode: number | null;
}

interface ErrorShape {
  responseCode?: unknown;
  response?: unknown;
  timeoutType?: unknown;
}

/**
 * Tells the outbox worker whether to retry: SMTP 4xx replies and network errors are temporary;
 * 5xx replies (the 535 of refused credentials included), TLS/certificate failures, bad messages
 * and bad settings are permanent. When failover tried several transports, the message is
 * temporary if any of them failed temporarily (it may get through there later). A message naming a
 * mailer that is not configured is temporary: the settings may get it back, and the message must
 * not be lost meanwhile.
 */
export function classifyDeliveryError(error: unknown): DeliveryErrorClass {
  if (error instanceof UnknownMailerError) {
    return {
      kind: 'temporary',
      reason: `The message names the mailer '${error.mailer}', which is not configured (the mailers are ${error.configured.map((name) => `'${name}'`).join(', ')}): add '${error.mailer}' to MAILERS and restart; the message is retried until then.`,
      responseCode: null,
    };
  }
  if (error instanceof MailFailoverError) {
    const parts = error.errors.map(classifyDeliveryError);
    const temporary = parts.find((part) => part.kind === 'temporary');
    const chosen = temporary ?? parts.at(-1);
    if (chosen) return { ...chosen, reason: `all transports failed; ${chosen.reason}` };
  }
  if (error instanceof MailDeliveryUncertainError) {
    return {
      kind: 'temporary',
      reason: `${firstLine(error.message)} (retried later with the same Message-ID, never through another mailer)`,
      responseCode: null,
    };
  }
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  const message = firstLine(messageOf(error));
  const responseCode = typeof shape.responseCode === 'number' ? shape.responseCode : null;
  if (responseCode !== null && responseCode >= 400) {
    const response = typeof shape.response === 'string' ? firstLine(shape.response) : message;
    const reply = response.startsWith(String(responseCode))
      ? response
      : `${responseCode} ${response}`;
    if (responseCode < 500) return { kind: 'temporary', reason: `SMTP ${reply}`, responseCode };
    const what = responseCode === 535 ? 'authentication refused' : 'refused';
    return { kind: 'permanent', reason: `SMTP ${what}: ${reply}`, responseCode };
  }
  const codes = errorCodes(error);
  if (codes.some((code) => TLS_CONFIG.test(code))) {
    return { kind: 'permanent', reason: `TLS failed: ${message}`, responseCode };
  }
  if (shape.timeoutType === 'GREETING_TIMEOUT') {
    return {
      kind: 'temporary',
      reason: `no SMTP greeting (wrong TLS mode for the port, or a stalled server): ${message}`,
      responseCode,
    };
  }
  if (codes.some((code) => NETWORK_CODES.has(code))) {
    return { kind: 'temporary', reason: `network: ${message}`, responseCode };
  }
  return { kind: 'permanent', reason: message, responseCode };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/**
 * Thrown when a subject, an address or a header value contains CR or LF: written into the message,
 * it would let whoever typed it add headers (Bcc: half the internet). Django's name, same rule.
 * Thrown at construction and again at send if a field was changed since; nothing is sent.
 */
export class BadHeaderError extends Error {
  override readonly name = 'BadHeaderError';
  constructor(
    readonly header: string,
    value: string,
  ) {
    super(
      `Header values can't contain newlines (got ${JSON.stringify(value)} for header '${header}')`,
    );
  }
}

/** An address that is not `email` or `Name <email>` (Django raises ValueError here). */
export class InvalidAddressError extends Error {
  override readonly name = 'InvalidAddressError';
  constructor(
    readonly field: string,
    readonly address: string,
  ) {
    super(
      `Invalid address in ${field}: ${JSON.stringify(address)}; write "email" or "Name <email>".`,
    );
  }
}

/**
 * Every transport (the main one, then each of EMAIL_FAILOVER_URLS) failed for one message.
 * `errors` holds them in the order tried; `cause` is the last one.
 */
export class MailFailoverError extends AggregateError {
  override readonly name = 'MailFailoverError';
  constructor(errors: readonly unknown[]) {
    const reasons = errors.map((error, index) => `${index + 1}) ${messageOf(error)}`).join('; ');
    super(errors, `All ${errors.length} mail transports failed: ${reasons}`, {
      cause: errors.at(-1),
    });
  }
}

/** A transport failure of our own making, shaped like nodemailer's errors (`code`). */
export class MailTransportError extends Error {
  override readonly name = 'MailTransportError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The whole message went out, final `.` included, and then the reply never came (a timeout, a
 * dropped connection): the server may have accepted it. Trying another mailer could deliver it
 * twice, so nobody fails over on this; the outbox retries later with the same Message-ID, which
 * lets the receiving side drop a duplicate.
 */
export class MailDeliveryUncertainError extends Error {
  override readonly name = 'MailDeliveryUncertainError';
  readonly code = 'EUNCERTAIN';
  constructor(cause: unknown) {
    super(
      `the connection was lost after the whole message was sent, so it may have been delivered: ${messageOf(cause)}`,
      { cause },
    );
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

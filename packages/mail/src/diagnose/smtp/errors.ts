/** Field readers for errors from node:net, node:tls and nodemailer, which all carry extra fields. */

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, name) : undefined;
}

function stringField(error: unknown, name: string): string | undefined {
  const value = field(error, name);
  return typeof value === 'string' ? value : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The most specific code: nodemailer moves the system code (ECONNREFUSED, …) to originalCode. */
export function errorCode(error: unknown): string | undefined {
  return stringField(error, 'originalCode') ?? stringField(error, 'code');
}

/** nodemailer's own category (ESOCKET, ETLS, EAUTH, ETIMEDOUT, …). */
export function mailerCode(error: unknown): string | undefined {
  return stringField(error, 'code');
}

/** The server's reply that caused the error, e.g. "535 5.7.8 Authentication failed". */
export function errorReply(error: unknown): string | undefined {
  return stringField(error, 'response');
}

/** The SMTP command that was refused, e.g. "MAIL FROM" or "RCPT TO". */
export function errorCommand(error: unknown): string | undefined {
  return stringField(error, 'command');
}

export function errorTimeoutType(error: unknown): string | undefined {
  return stringField(error, 'timeoutType');
}

/** The names a rejected certificate is valid for, from node's ERR_TLS_CERT_ALTNAME_INVALID. */
export function certificateNames(error: unknown): string | undefined {
  const cert = field(error, 'cert');
  const altNames = field(cert, 'subjectaltname');
  if (typeof altNames === 'string' && altNames !== '') return altNames;
  const subject = field(cert, 'subject');
  const commonName = field(subject, 'CN');
  return typeof commonName === 'string' ? `CN=${commonName}` : undefined;
}

export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

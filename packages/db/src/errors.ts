/**
 * Recognising Postgres errors by SQLSTATE. pg and PGlite both throw errors carrying `code` and
 * `constraint` (PGlite reuses pg-protocol's DatabaseError), so one check serves both dialects.
 */

interface PostgresErrorFields {
  code: string;
  constraint?: string;
}

function postgresErrorFields(error: unknown): PostgresErrorFields | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const constraint: unknown = Reflect.get(error, 'constraint');
  return typeof constraint === 'string' ? { code, constraint } : { code };
}

/** The SQLSTATE of a database error (e.g. `23505`), or undefined for any other error. */
export function postgresErrorCode(error: unknown): string | undefined {
  return postgresErrorFields(error)?.code;
}

/**
 * A unique index or constraint refused the row (23505). Pass a constraint name (see `constraints`)
 * to tell which one: a duplicate email and a second pending request are different conflicts.
 */
export function isUniqueViolation(error: unknown, constraintName?: string): boolean {
  const fields = postgresErrorFields(error);
  if (fields?.code !== '23505') return false;
  return constraintName === undefined || fields.constraint === constraintName;
}

/** A foreign key refused the row (23503): e.g. the user it points at was deleted meanwhile. */
export function isForeignKeyViolation(error: unknown, constraintName?: string): boolean {
  const fields = postgresErrorFields(error);
  if (fields?.code !== '23503') return false;
  return constraintName === undefined || fields.constraint === constraintName;
}

/**
 * The transaction lost a race and may succeed if run again: serialization failure (40001),
 * deadlock (40P01) or a NOWAIT lock not available (55P03).
 */
export function isSerializationOrLockError(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code === '40001' || code === '40P01' || code === '55P03';
}

/** What pg's client and pool say when the connection is gone; these carry no SQLSTATE. */
const LOST_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The database could not be reached or dropped the connection: a connection exception (class
 * 08), an admin or crash shutdown (57P01–57P03), a network error, or pg's own "connection
 * terminated". Nothing is wrong with the call itself: it may well succeed again in a moment.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = postgresErrorCode(error);
  if (code !== undefined) return code.startsWith('08') || /^57P0[123]$/.test(code);
  if (!(error instanceof Error)) return false;
  const errno: unknown = Reflect.get(error, 'code');
  if (typeof errno === 'string' && NETWORK_CODES.has(errno)) return true;
  return LOST_CONNECTION_MESSAGES.some((message) => error.message.startsWith(message));
}

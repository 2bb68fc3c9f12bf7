/**
 * A database that dropped or refused the connection is a moment's outage, not a bug in the call:
 * answer SERVICE_UNAVAILABLE (503, "try again") with a plain sentence, never a 500 carrying the
 * driver's text ("terminating connection due to administrator command").
 */
import { isDatabaseUnavailable } from '@rolegate/db';
import { TRPCError } from '@trpc/server';
import type { Logger } from 'pino';

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is not answering right now. Try again in a moment.';

/** The 503 to throw instead of `cause` when the database is unavailable; null otherwise. */
export function databaseUnavailableError(cause: unknown, logger: Logger): TRPCError | null {
  if (!isDatabaseUnavailable(cause)) return null;
  logger.warn({ err: cause }, 'database unavailable: answered 503');
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: DATABASE_UNAVAILABLE_MESSAGE,
    cause,
  });
}

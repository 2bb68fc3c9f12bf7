import { QueryCache, QueryClient } from '@tanstack/react-query';
import { errorCode } from './forms/form-errors';

// Retrying cannot fix a refusal or bad input; it only delays the message. Network trouble and
// server faults get two more tries.
const FINAL_CODES = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
]);

export function shouldRetry(failureCount: number, error: unknown): boolean {
  const code = errorCode(error);
  return !(code && FINAL_CODES.has(code)) && failureCount < 2;
}

/** tRPC's key for auth.me: its path, then the call's input and type. */
const SESSION_KEY = [['auth', 'me']];

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A refusal may mean the session ended or the level changed elsewhere (signed out in another
      // tab, admin flag removed): ask who this is again, and the routes follow the answer.
      onError: (error) => {
        const code = errorCode(error);
        if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') {
          void client.invalidateQueries({ queryKey: SESSION_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
  return client;
}

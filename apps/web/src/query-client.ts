import { QueryClient } from '@tanstack/react-query';
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

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

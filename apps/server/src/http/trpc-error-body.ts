/** tRPC's error shape (as trpc.ts formats it) for answers sent before tRPC sees the request. */
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

export function trpcErrorBody(code: TRPC_ERROR_CODE_KEY, httpStatus: number, message: string) {
  const data = { code, httpStatus, fieldErrors: null, retryAfterSeconds: null };
  return { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data } };
}

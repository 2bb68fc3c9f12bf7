import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';

/** The TRPCError a createCaller call rejected with (fails the test if it resolved). */
export async function callerError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

/** The TRPCClientError an HTTP call rejected with (fails the test if it resolved). */
export async function clientError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCClientError)) {
    throw new Error(`expected a TRPCClientError, got ${String(error)}`);
  }
  return error;
}

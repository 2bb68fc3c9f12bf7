/**
 * Causes the error formatter understands: a problem with one input field (shown beside that field)
 * and a rate limit (with the time to wait). Procedures throw them through the helpers below.
 */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

export class FieldProblem extends Error {
  override readonly name = 'FieldProblem';
  constructor(
    readonly field: string,
    message: string,
    /** The message is the whole answer: the formatter does not prefix it with the field's name. */
    readonly standsAlone = false,
  ) {
    super(message);
  }
}

export class RateLimited extends Error {
  override readonly name = 'RateLimited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A TRPCError whose `data.fieldErrors` names the field, e.g. CONFLICT on a taken email. */
export function fieldError(code: TRPC_ERROR_CODE_KEY, field: string, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new FieldProblem(field, message) });
}

export function rateLimitedError(message: string, retryAfterSeconds: number): TRPCError {
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message,
    cause: new RateLimited(message, retryAfterSeconds),
  });
}

export type FieldErrors = Record<string, string[]>;

/** Per-field messages from a zod error; an unknown key is reported on that key's name. */
export function fieldErrorsOf(cause: unknown): FieldErrors | null {
  if (cause instanceof FieldProblem) return { [cause.field]: [cause.message] };
  if (!(cause instanceof ZodError)) return null;
  // No prototype: an unknown key named `__proto__` or `constructor` is a field like any other here.
  const errors: FieldErrors = Object.create(null);
  for (const issue of cause.issues) {
    const fields =
      issue.code === 'unrecognized_keys'
        ? issue.keys
        : [issue.path.map(String).join('.') || 'input'];
    for (const field of fields) errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return errors;
}

/** One readable sentence for the whole error, instead of zod's JSON dump. */
export function summarizeFieldErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join(' ');
}

/**
 * What a client is told about an unexpected failure. The error's own text (a database message
 * naming a constraint or a column, a stack) stays in the server's log, under the same request id.
 */
export function internalErrorMessage(requestId: string | undefined): string {
  const reference = requestId === undefined ? '' : ` (request id ${requestId})`;
  return `Something went wrong on the server${reference}. Try again; if it keeps happening, give the operator this request id: the details are in the server's log.`;
}

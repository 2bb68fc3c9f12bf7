import { TRPCError } from '@trpc/server';

/** NOT_FOUND that names the input field and the id it held, e.g. `id: no entry has the id …`. */
export function notFound(field: string, what: string, id: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${field}: no ${what} has the id ${id}.` });
}

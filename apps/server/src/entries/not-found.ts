import type { TRPCError } from '@trpc/server';
import { fieldError } from '../errors.js';

/** NOT_FOUND naming the input field (in data.fieldErrors) and the id it held (in the message). */
export function notFound(field: string, what: string, id: string): TRPCError {
  return fieldError('NOT_FOUND', field, `No ${what} has the id ${id}.`);
}

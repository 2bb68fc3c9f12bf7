/**
 * Turns what went wrong (a zod check in the browser, or an error from the server) into messages
 * shown at each field, plus one message for the whole form when it belongs to no field.
 */

import { localizeMoments } from '../ui/format';

export interface FormErrors {
  fields: Partial<Record<string, string[]>>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

export const OFFLINE_MESSAGE = 'Could not reach Rolegate. Check your connection and try again.';
export const SERVER_FAULT_MESSAGE = 'Something went wrong on our side. Try again in a moment.';

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Groups zod issues by their top-level field; issues about the whole object go to the form. */
export function errorsFromIssues(issues: readonly Issue[], fields: readonly string[]): FormErrors {
  const result: FormErrors = { fields: {}, form: null };
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && fields.includes(field)) {
      result.fields[field] = [...(result.fields[field] ?? []), issue.message];
    } else {
      result.form = result.form ? `${result.form} ${issue.message}` : issue.message;
    }
  }
  return result;
}

interface ServerErrorData {
  code?: unknown;
  fieldErrors?: unknown;
  retryAfterSeconds?: unknown;
}

function errorData(error: unknown): ServerErrorData | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as ServerErrorData) : null;
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return localizeMoments(message);
  }
  return SERVER_FAULT_MESSAGE;
}

/** The tRPC error code ('CONFLICT', 'FORBIDDEN', …), or null for a network failure. */
export function errorCode(error: unknown): string | null {
  const code = errorData(error)?.code;
  return typeof code === 'string' ? code : null;
}

/** How long a TOO_MANY_REQUESTS answer asks to wait, in seconds; null for any other answer. */
export function retryAfterSeconds(error: unknown): number | null {
  const data = errorData(error);
  if (data?.code !== 'TOO_MANY_REQUESTS') return null;
  const seconds = data.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

export interface ServerErrorOptions {
  /** The field a CONFLICT is about, e.g. `email` on sign-up: "this email is taken" shows there. */
  conflictField?: string;
}

/** Maps a failed call to messages. The server's words are kept: they already name the fix. */
export function errorsFromServer(
  error: unknown,
  fields: readonly string[],
  options: ServerErrorOptions = {},
): FormErrors {
  const data = errorData(error);
  if (!data) return { fields: {}, form: OFFLINE_MESSAGE };

  const message = errorMessage(error);
  if (data.code === 'INTERNAL_SERVER_ERROR') return { fields: {}, form: SERVER_FAULT_MESSAGE };
  if (data.code === 'CONFLICT' && options.conflictField && fields.includes(options.conflictField)) {
    return { fields: { [options.conflictField]: [message] }, form: null };
  }

  const fieldErrors = data.fieldErrors;
  if (typeof fieldErrors === 'object' && fieldErrors !== null) {
    const issues: Issue[] = [];
    for (const [field, messages] of Object.entries(fieldErrors)) {
      if (!Array.isArray(messages)) continue;
      for (const text of messages) {
        if (typeof text === 'string') issues.push({ path: field ? [field] : [], message: text });
      }
    }
    if (issues.length > 0) return errorsFromIssues(issues, fields);
  }
  return { fields: {}, form: message };
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== null || Object.values(errors.fields).some((list) => list?.length);
}

/** The first field, in the form's order, that has a message: where focus goes after a failed submit. */
export function firstFieldWithError(errors: FormErrors, fields: readonly string[]): string | null {
  return fields.find((field) => errors.fields[field]?.length) ?? null;
}

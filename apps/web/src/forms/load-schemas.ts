/**
 * The shared zod input schemas, fetched on demand. zod is about a fifth of the app's JavaScript and
 * only a form being checked needs it, so it stays out of the first download: a form starts loading
 * it when it appears (`useSchemasSoon`) and awaits it on submit.
 */
import { useEffect } from 'react';
import { errorsFromIssues, type FormErrors, OFFLINE_MESSAGE } from './form-errors';

type InputSchemas = typeof import('./input-schemas');

let loading: Promise<InputSchemas> | null = null;

export function loadSchemas(): Promise<InputSchemas> {
  // zod-without-eval first, in a chunk of its own: the bundler does not keep module order inside
  // one chunk, and zod must be configured before the schemas are built.
  loading ??= import('./zod-without-eval')
    .then(() => import('./input-schemas'))
    .catch((error: unknown) => {
      loading = null; // a failed download (say, offline) is tried again on the next submit
      throw error;
    });
  return loading;
}

export function useSchemasSoon(): void {
  useEffect(() => {
    loadSchemas().catch(() => {});
  }, []);
}

/** The schemas, or null after telling the form they could not be fetched. */
export async function schemasOrReport(
  show: (errors: FormErrors) => void,
): Promise<InputSchemas | null> {
  try {
    return await loadSchemas();
  } catch {
    show({ fields: {}, form: OFFLINE_MESSAGE });
    return null;
  }
}

type Checked<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: Parameters<typeof errorsFromIssues>[0] } };

/**
 * A form's values checked with a shared schema: the input to send, or null after showing what is
 * wrong at each field (or that the schemas could not be fetched).
 */
export async function checkedInput<T>(
  show: (errors: FormErrors) => void,
  fields: readonly string[],
  check: (schemas: InputSchemas) => Checked<T>,
): Promise<T | null> {
  const schemas = await schemasOrReport(show);
  if (!schemas) return null;
  const result = check(schemas);
  if (result.success) return result.data;
  show(errorsFromIssues(result.error.issues, fields));
  return null;
}

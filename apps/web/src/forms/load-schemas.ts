/**
 * The shared zod input schemas, fetched on demand. zod is about a fifth of the app's JavaScript and
 * only a form being checked needs it, so it stays out of the first download: a form starts loading
 * it when it appears (`useSchemasSoon`) and awaits it on submit.
 */
import { useEffect } from 'react';
import { type FormErrors, OFFLINE_MESSAGE } from './form-errors';

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

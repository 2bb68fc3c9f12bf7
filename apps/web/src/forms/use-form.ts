import { type RefObject, useRef } from 'react';
import type { FormErrors } from './form-errors';
import { checkedInput } from './load-schemas';
import { useFormErrors } from './use-form-errors';

type Check<T> = Parameters<typeof checkedInput<T>>[2];

/**
 * A form's element and errors, and the usual path of a submit: check the values with a shared
 * schema, show what is wrong at each field, or clear the errors and send the input.
 */
export function useForm(fields: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, fields);

  async function sendChecked<T>(check: Check<T>, send: (input: T) => void): Promise<void> {
    const input = await checkedInput(show, fields, check);
    if (input === null) return;
    clear();
    send(input);
  }

  return { formRef, errors, show, clear, sendChecked };
}

export interface FormHandle {
  formRef: RefObject<HTMLFormElement | null>;
  errors: FormErrors;
}

/** The text a form holds under each name ('' for a missing one), as a schema expects it. */
export function formText<Name extends string>(
  data: FormData,
  names: readonly Name[],
): Record<Name, string> {
  return Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '')])) as Record<
    Name,
    string
  >;
}

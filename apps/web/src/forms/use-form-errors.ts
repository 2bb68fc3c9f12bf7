import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { type FormErrors, firstFieldWithError, NO_ERRORS } from './form-errors';
import { focusField } from './text-field';

/**
 * Holds a form's errors and, when new ones are shown, moves focus to the first field at fault
 * (with no field at fault, the form's alert is announced where the person already is).
 */
export function useFormErrors(
  formRef: RefObject<HTMLFormElement | null>,
  fields: readonly string[],
) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const focusNext = useRef<string | null>(null);

  // After the messages are drawn, so aria-describedby already points at them when focus lands.
  useEffect(() => {
    if (focusNext.current === null || errors === NO_ERRORS) return;
    focusField(formRef.current, focusNext.current);
    focusNext.current = null;
  }, [errors, formRef]);

  const show = useCallback(
    (next: FormErrors) => {
      focusNext.current = firstFieldWithError(next, fields);
      setErrors(next);
    },
    [fields],
  );

  const clear = useCallback(() => setErrors(NO_ERRORS), []);
  return { errors, show, clear };
}

import {
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
  useContext,
  useId,
} from 'react';
import { FieldError } from './field-error';

/** The errors of the form a field stands in, by field name (see FormFrame). */
export const FieldErrorsContext = createContext<Partial<Record<string, string[]>>>({});

interface FieldFrameProps {
  label: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
}

type InputFieldProps = FieldFrameProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { name: string; multiline?: false };
type TextareaFieldProps = FieldFrameProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { name: string; multiline: true };

/**
 * A labelled input whose hint and error are tied to it with aria-describedby, so a screen reader
 * reads the error when the field takes focus after a failed submit.
 */
export function TextField(props: InputFieldProps | TextareaFieldProps) {
  const id = useId();
  const fromForm = useContext(FieldErrorsContext);
  const { label, errors = fromForm[props.name], hint, ...control } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    'aria-invalid': errorId ? true : undefined,
    'aria-describedby': describedBy,
  } as const;

  return (
    <div className={`field${errorId ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
      {control.multiline ? (
        <textarea {...withoutMultiline(control)} {...shared} />
      ) : (
        <input {...withoutMultiline(control)} {...shared} />
      )}
    </div>
  );
}

function withoutMultiline<T extends { multiline?: boolean }>(props: T): Omit<T, 'multiline'> {
  const { multiline: _multiline, ...rest } = props;
  return rest;
}

/** The message for the whole form; role=alert makes a screen reader say it as it appears. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <p className="form-alert" role="alert">
      {message}
    </p>
  ) : null;
}

/** Moves focus to a field by name (a radio group focuses its first option). */
export function focusField(form: HTMLFormElement | null, name: string): void {
  const item = form?.elements.namedItem(name);
  if (item instanceof RadioNodeList) {
    const first = item[0];
    if (first instanceof HTMLElement) first.focus();
  } else if (item instanceof HTMLElement) {
    item.focus();
  }
}

/** A password field; `fresh` for a new password, so a password manager offers to make one. */
export function PasswordField({
  fresh = false,
  ...props
}: Omit<InputFieldProps, 'type' | 'autoComplete'> & { fresh?: boolean }) {
  return (
    <TextField
      {...props}
      type="password"
      autoComplete={fresh ? 'new-password' : 'current-password'}
    />
  );
}

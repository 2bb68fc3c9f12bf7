import type { ReactNode } from 'react';
import { BusyButton } from '../ui/busy-button';
import { FieldErrorsContext, FormAlert } from './text-field';
import type { FormHandle } from './use-form';

interface FormFrameProps {
  form: FormHandle;
  busy: boolean;
  /** The submit button's words, and what it says while busy (e.g. "Sending…"). */
  button: { label: string; busyLabel: string };
  onSubmit: (data: FormData) => void | Promise<void>;
  children: ReactNode;
}

/**
 * What every form here shares: the alert for the whole form, the fields (each shows its own errors),
 * and a submit button that ignores a second press while the first is on its way.
 */
export function FormFrame({ form, busy, button, onSubmit, children }: FormFrameProps) {
  return (
    <form
      ref={form.formRef}
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        void onSubmit(new FormData(event.currentTarget));
      }}
      noValidate
      className="form"
    >
      <FormAlert message={form.errors.form} />
      <FieldErrorsContext.Provider value={form.errors.fields}>
        {children}
      </FieldErrorsContext.Provider>
      <BusyButton type="submit" busy={busy} busyLabel={button.busyLabel}>
        {button.label}
      </BusyButton>
    </form>
  );
}

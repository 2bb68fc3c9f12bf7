import { type FormEvent, useRef } from 'react';
import { errorsFromServer } from '../forms/form-errors';
import { checkedInput, useSchemasSoon } from '../forms/load-schemas';
import { FormAlert, TextField } from '../forms/text-field';
import { useFormErrors } from '../forms/use-form-errors';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** The current password and a new one; the server then ends every other session of the account. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, FIELDS);
  const utils = trpc.useUtils();
  useSchemasSoon();
  const change = trpc.account.changePassword.useMutation({
    onSuccess: () => {
      formRef.current?.reset();
      void utils.account.sessions.invalidate();
      onChanged();
    },
    onError: (error) => show(errorsFromServer(error, FIELDS)),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const data = new FormData(event.currentTarget);
    const input = await checkedInput(show, FIELDS, (schemas) =>
      schemas.changePasswordInput.safeParse({
        currentPassword: String(data.get('currentPassword') ?? ''),
        newPassword: String(data.get('newPassword') ?? ''),
      }),
    );
    if (!input) return;
    clear();
    change.mutate(input);
  }

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="form">
      <FormAlert message={errors.form} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        errors={errors.fields.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. Your other sessions are signed out."
        errors={errors.fields.newPassword}
      />
      <BusyButton type="submit" busy={change.isPending} busyLabel="Changing…">
        Change password
      </BusyButton>
    </form>
  );
}

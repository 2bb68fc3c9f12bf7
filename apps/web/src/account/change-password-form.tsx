import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { PasswordField } from '../forms/text-field';
import { formText, useForm } from '../forms/use-form';
import { trpc } from '../trpc';

const FIELDS = ['currentPassword', 'newPassword'] as const;
const BUTTON = { label: 'Change password', busyLabel: 'Changing…' };

/** The current password and a new one; the server then ends every other session of the account. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const form = useForm(FIELDS);
  const utils = trpc.useUtils();
  useSchemasSoon();
  const change = trpc.account.changePassword.useMutation({
    onSuccess: () => {
      form.formRef.current?.reset();
      void utils.account.sessions.invalidate();
      onChanged();
    },
    onError: (error) => form.show(errorsFromServer(error, FIELDS)),
  });

  const submit = (data: FormData) =>
    form.sendChecked(
      (schemas) => schemas.changePasswordInput.safeParse(formText(data, FIELDS)),
      change.mutate,
    );

  return (
    <FormFrame form={form} busy={change.isPending} onSubmit={submit} button={BUTTON}>
      <PasswordField label="Current password" name="currentPassword" />
      <PasswordField
        label="New password"
        name="newPassword"
        fresh
        hint="At least 10 characters. Your other sessions are signed out."
      />
    </FormFrame>
  );
}

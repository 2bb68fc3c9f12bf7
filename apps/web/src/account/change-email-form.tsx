import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { PasswordField, TextField } from '../forms/text-field';
import { formText, useForm } from '../forms/use-form';
import { trpc } from '../trpc';

const FIELDS = ['newEmail', 'password'] as const;
const BUTTON = { label: 'Send a link to the new address', busyLabel: 'Sending the link…' };

/**
 * A new address for the account: the server mails a link to it, and the address changes only when
 * the link is followed. Used on the account page and, to fix a mistyped address, on "check your inbox".
 */
export function ChangeEmailForm({ onSent }: { onSent: (newEmail: string) => void }) {
  const form = useForm(FIELDS);
  useSchemasSoon();
  const change = trpc.account.changeEmail.useMutation({
    onSuccess: (_result, input) => {
      form.formRef.current?.reset();
      onSent(input.newEmail);
    },
    onError: (error) => form.show(errorsFromServer(error, FIELDS, { conflictField: 'newEmail' })),
  });

  const submit = (data: FormData) =>
    form.sendChecked(
      (schemas) => schemas.changeEmailInput.safeParse(formText(data, FIELDS)),
      change.mutate,
    );

  return (
    <FormFrame form={form} busy={change.isPending} onSubmit={submit} button={BUTTON}>
      <TextField label="New email address" name="newEmail" type="email" autoComplete="email" />
      <PasswordField
        label="Your password"
        name="password"
        hint="So that nobody at an unlocked screen can take over your account."
      />
    </FormFrame>
  );
}

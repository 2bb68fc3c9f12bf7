import { type FormEvent, useRef } from 'react';
import { errorsFromServer } from '../forms/form-errors';
import { checkedInput, useSchemasSoon } from '../forms/load-schemas';
import { FormAlert, TextField } from '../forms/text-field';
import { useFormErrors } from '../forms/use-form-errors';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';

const FIELDS = ['newEmail', 'password'] as const;

/**
 * A new address for the account: the server mails a link to it, and the address changes only when
 * the link is followed. Used on the account page and, to fix a mistyped address, on "check your inbox".
 */
export function ChangeEmailForm({ onSent }: { onSent: (newEmail: string) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, FIELDS);
  useSchemasSoon();
  const change = trpc.account.changeEmail.useMutation({
    onSuccess: (_result, input) => {
      formRef.current?.reset();
      onSent(input.newEmail);
    },
    onError: (error) => show(errorsFromServer(error, FIELDS, { conflictField: 'newEmail' })),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const data = new FormData(event.currentTarget);
    const input = await checkedInput(show, FIELDS, (schemas) =>
      schemas.changeEmailInput.safeParse({
        newEmail: String(data.get('newEmail') ?? ''),
        password: String(data.get('password') ?? ''),
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
        label="New email address"
        name="newEmail"
        type="email"
        autoComplete="email"
        errors={errors.fields.newEmail}
      />
      <TextField
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        hint="So that nobody at an unlocked screen can take over your account."
        errors={errors.fields.password}
      />
      <BusyButton type="submit" busy={change.isPending} busyLabel="Sending the link…">
        Send a link to the new address
      </BusyButton>
    </form>
  );
}

import { type FormEvent, useRef } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { errorsFromServer } from '../forms/form-errors';
import { checkedInput, useSchemasSoon } from '../forms/load-schemas';
import { FormAlert, TextField } from '../forms/text-field';
import { useFormErrors } from '../forms/use-form-errors';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { PageHeading } from '../ui/page-heading';

const FIELDS = ['password', 'confirmPassword'] as const;
export const PASSWORDS_DIFFER = 'The two passwords differ. Type the same one twice.';

/**
 * Where the reset link lands: a new password, typed twice. The server then ends every session of
 * the account and signs this browser in with a new one.
 */
export function ResetPasswordPage() {
  const token = new URLSearchParams(useSearch()).get('token')?.trim() ?? '';
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, FIELDS);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  useSchemasSoon();
  const reset = trpc.auth.resetPassword.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      // replace: the spent link leaves the address bar and the history.
      navigate('/', { replace: true });
    },
    onError: (error) => show(errorsFromServer(error, FIELDS)),
  });
  const linkDead = reset.isError && errors.form !== null && !errors.fields.password;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reset.isPending) return;
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const confirmPassword = String(data.get('confirmPassword') ?? '');
    const input = await checkedInput(show, FIELDS, (schemas) =>
      schemas.resetPasswordInput.safeParse({ token, password }),
    );
    if (!input) return;
    if (password !== confirmPassword) {
      show({ fields: { confirmPassword: [PASSWORDS_DIFFER] }, form: null });
      return;
    }
    clear();
    reset.mutate(input);
  }

  return (
    <section className="narrow">
      <PageHeading title="Choose a new password" />
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="form">
        <FormAlert message={errors.form} />
        {linkDead || !token ? (
          <p>
            {token ? null : 'This link has no token. '}
            <Link href="/forgot-password">Ask for a new link</Link>.
          </p>
        ) : null}
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          errors={errors.fields.password}
        />
        <TextField
          label="New password again"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          errors={errors.fields.confirmPassword}
        />
        <BusyButton type="submit" busy={reset.isPending} busyLabel="Saving…">
          Save the new password and sign in
        </BusyButton>
      </form>
    </section>
  );
}

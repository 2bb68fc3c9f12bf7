import { Link, useLocation, useSearch } from 'wouter';
import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { PasswordField } from '../forms/text-field';
import { useForm } from '../forms/use-form';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';

const FIELDS = ['password', 'confirmPassword'] as const;
const BUTTON = { label: 'Save the new password and sign in', busyLabel: 'Saving…' };
export const PASSWORDS_DIFFER = 'The two passwords differ. Type the same one twice.';

/**
 * Where the reset link lands: a new password, typed twice. The server then ends every session of
 * the account and signs this browser in with a new one.
 */
export function ResetPasswordPage() {
  const token = new URLSearchParams(useSearch()).get('token')?.trim() ?? '';
  const form = useForm(FIELDS);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  useSchemasSoon();
  const reset = trpc.auth.resetPassword.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      // replace: the spent link leaves the address bar and the history.
      navigate('/', { replace: true });
    },
    onError: (error) => form.show(errorsFromServer(error, FIELDS)),
  });
  const linkDead = reset.isError && form.errors.form !== null && !form.errors.fields.password;

  function submit(data: FormData) {
    const password = String(data.get('password') ?? '');
    const confirmPassword = String(data.get('confirmPassword') ?? '');
    return form.sendChecked((schemas) => {
      const checked = schemas.resetPasswordInput.safeParse({ token, password });
      // The server knows only one password; that both agree is the browser's to check.
      if (!checked.success || password === confirmPassword) return checked;
      return {
        success: false,
        error: { issues: [{ path: ['confirmPassword'], message: PASSWORDS_DIFFER }] },
      };
    }, reset.mutate);
  }

  return (
    <section className="narrow">
      <PageHeading title="Choose a new password" />
      <FormFrame form={form} busy={reset.isPending} onSubmit={submit} button={BUTTON}>
        {linkDead || !token ? (
          <p>
            {token ? null : 'This link has no token. '}
            <Link href="/forgot-password">Ask for a new link</Link>.
          </p>
        ) : null}
        <PasswordField label="New password" name="password" fresh hint="At least 10 characters." />
        <PasswordField label="New password again" name="confirmPassword" fresh />
      </FormFrame>
    </section>
  );
}

import { Link } from 'wouter';
import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { PasswordField, TextField } from '../forms/text-field';
import { useForm } from '../forms/use-form';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';

const FIELDS = ['email', 'password'] as const;
const BUTTON = { label: 'Sign in', busyLabel: 'Signing in…' };

export function SignInPage() {
  const form = useForm(FIELDS);
  const signedIn = useSignedIn();
  const login = trpc.auth.login.useMutation({
    // With a user in the session, the /sign-in route itself moves on to `?next=` (see app.tsx).
    onSuccess: ({ user }) => signedIn(user),
    onError: (error) => form.show(errorsFromServer(error, FIELDS)),
  });

  function submit(data: FormData) {
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    // Only emptiness is checked here: any other judgement of the credentials is the server's.
    const fields = {
      ...(email ? {} : { email: ['Enter your email address.'] }),
      ...(password ? {} : { password: ['Enter your password.'] }),
    };
    if (Object.keys(fields).length > 0) {
      form.show({ fields, form: null });
      return;
    }
    form.clear();
    login.mutate({ email, password });
  }

  return (
    <section className="narrow">
      <PageHeading title="Sign in" />
      <FormFrame form={form} busy={login.isPending} onSubmit={submit} button={BUTTON}>
        <TextField label="Email" name="email" type="email" autoComplete="username" />
        <PasswordField label="Password" name="password" />
      </FormFrame>
      <p className="aside">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="aside">
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </section>
  );
}

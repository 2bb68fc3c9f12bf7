import { type FormEvent, useRef } from 'react';
import { Link } from 'wouter';
import { errorsFromServer } from '../forms/form-errors';
import { FormAlert, TextField } from '../forms/text-field';
import { useFormErrors } from '../forms/use-form-errors';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { PageHeading } from '../ui/page-heading';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, FIELDS);
  const signedIn = useSignedIn();
  const login = trpc.auth.login.useMutation({
    // With a user in the session, the /sign-in route itself moves on to `?next=` (see app.tsx).
    onSuccess: ({ user }) => signedIn(user),
    onError: (error) => show(errorsFromServer(error, FIELDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    // Only emptiness is checked here: any other judgement of the credentials is the server's.
    const fields = {
      ...(email ? {} : { email: ['Enter your email address.'] }),
      ...(password ? {} : { password: ['Enter your password.'] }),
    };
    if (Object.keys(fields).length > 0) {
      show({ fields, form: null });
      return;
    }
    clear();
    login.mutate({ email, password });
  }

  return (
    <section className="narrow">
      <PageHeading title="Sign in" />
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          errors={errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          errors={errors.fields.password}
        />
        <BusyButton type="submit" busy={login.isPending} busyLabel="Signing in…">
          Sign in
        </BusyButton>
      </form>
      <p className="aside">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="aside">
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </section>
  );
}

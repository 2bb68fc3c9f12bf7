import { useState } from 'react';
import { Link } from 'wouter';
import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { TextField } from '../forms/text-field';
import { useForm } from '../forms/use-form';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';

const FIELDS = ['email'] as const;
const BUTTON = { label: 'Send me a link', busyLabel: 'Sending…' };

/**
 * "Forgot your password?". The answer is the same whether or not an account has the address (the
 * server's is too), so this page never tells a stranger who has an account here.
 */
export function ForgotPasswordPage() {
  const form = useForm(FIELDS);
  const [sentTo, setSentTo] = useState<string | null>(null);
  useSchemasSoon();
  const request = trpc.auth.requestPasswordReset.useMutation({
    onSuccess: (_result, input) => setSentTo(input.email),
    onError: (error) => form.show(errorsFromServer(error, FIELDS)),
  });

  const submit = (data: FormData) =>
    form.sendChecked(
      (schemas) =>
        schemas.requestPasswordResetInput.safeParse({ email: String(data.get('email') ?? '') }),
      request.mutate,
    );

  if (sentTo !== null) {
    return (
      <section className="narrow">
        <PageHeading title="Check your inbox" />
        <p className="notice notice-success">
          If an account exists for <strong className="address">{sentTo}</strong>, we sent it a link
          to choose a new password. The link works once and only for a short while.
        </p>
        <p className="hint">
          Nothing there after a few minutes? Look in the spam folder, check the address, or{' '}
          <button type="button" className="link-button" onClick={() => setSentTo(null)}>
            ask again
          </button>
          .
        </p>
        <p className="aside">
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <PageHeading title="Forgot your password?" />
      <p>Enter the address you signed up with. We send a link to choose a new password.</p>
      <FormFrame form={form} busy={request.isPending} onSubmit={submit} button={BUTTON}>
        <TextField label="Email" name="email" type="email" autoComplete="username" />
      </FormFrame>
      <p className="aside">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'wouter';
import { errorsFromServer } from '../forms/form-errors';
import { checkedInput, useSchemasSoon } from '../forms/load-schemas';
import { FormAlert, TextField } from '../forms/text-field';
import { useFormErrors } from '../forms/use-form-errors';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { PageHeading } from '../ui/page-heading';

const FIELDS = ['email'] as const;

/**
 * "Forgot your password?". The answer is the same whether or not an account has the address (the
 * server's is too), so this page never tells a stranger who has an account here.
 */
export function ForgotPasswordPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, FIELDS);
  const [sentTo, setSentTo] = useState<string | null>(null);
  useSchemasSoon();
  const request = trpc.auth.requestPasswordReset.useMutation({
    onSuccess: (_result, input) => setSentTo(input.email),
    onError: (error) => show(errorsFromServer(error, FIELDS)),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    const email = String(new FormData(event.currentTarget).get('email') ?? '');
    const input = await checkedInput(show, FIELDS, (schemas) =>
      schemas.requestPasswordResetInput.safeParse({ email }),
    );
    if (!input) return;
    clear();
    request.mutate(input);
  }

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
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          errors={errors.fields.email}
        />
        <BusyButton type="submit" busy={request.isPending} busyLabel="Sending…">
          Send me a link
        </BusyButton>
      </form>
      <p className="aside">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}

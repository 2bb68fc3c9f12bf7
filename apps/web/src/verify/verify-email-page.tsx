import type { PublicUser } from '@rolegate/core';
import { Link, useLocation, useSearch } from 'wouter';
import type { AddressConfirmedState } from '../dashboard/address-confirmed-notice';
import { errorCode } from '../forms/form-errors';
import { FormAlert } from '../forms/text-field';
import { trpc } from '../trpc';
import { MutationButton } from '../ui/mutation-button';
import { PageHeading } from '../ui/page-heading';
import { describeError } from '../ui/states';
import { ResendLinkButton } from './resend-link-button';

/**
 * Where the mailed link lands. Opening it changes nothing: the address is confirmed by the button
 * (decision 026), because mail scanners open links too, and one that proves an address for whoever
 * signed up with it would defeat the point of asking.
 */
export function VerifyEmailPage({ user }: { user: PublicUser | null }) {
  const token = new URLSearchParams(useSearch()).get('token')?.trim() ?? '';
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const verify = trpc.auth.verifyEmail.useMutation({
    onSuccess: ({ user: verified }) => {
      // Signed in here as the link's account: on to the dashboard. Otherwise (another browser, or
      // another account) this page says the address is confirmed and where to go.
      if (user?.id !== verified.id) return;
      utils.auth.me.setData(undefined, { user: verified });
      // replace: the token leaves the address bar and the history; the state tells the dashboard
      // to say that the click worked.
      const confirmed: AddressConfirmedState = { confirmedEmail: verified.email };
      navigate('/', { replace: true, state: confirmed });
    },
  });

  if (!token) {
    return (
      <section className="narrow">
        <PageHeading title="Confirm your email address" />
        <p className="form-alert" role="alert">
          This link has no token. Open the link from the mail again, or copy all of it into the
          address bar.
        </p>
        <NewLinkHint user={user} />
      </section>
    );
  }

  if (verify.isSuccess) {
    return (
      <section className="narrow">
        <PageHeading title="Address confirmed" />
        <p className="notice notice-success">
          <strong className="address">{verify.data.user.email}</strong> is confirmed.
        </p>
        <p>
          {user ? (
            <Link href="/">Go to your dashboard</Link>
          ) : (
            <Link href="/sign-in">Sign in to continue</Link>
          )}
        </p>
      </section>
    );
  }

  const failed = verify.isError;
  return (
    <section className="narrow">
      <PageHeading title="Confirm your email address" />
      <p>Press the button to confirm that this address is yours.</p>
      <FormAlert message={failed ? describeError(verify.error) : null} />
      {failed && errorCode(verify.error) === 'BAD_REQUEST' ? (
        <NewLinkHint user={user} />
      ) : (
        <MutationButton mutation={verify} input={{ token }} busyLabel="Confirming…">
          Confirm my email address
        </MutationButton>
      )}
    </section>
  );
}

/** A dead link's way out: a new link for an unproven account, else where to go instead. */
function NewLinkHint({ user }: { user: PublicUser | null }) {
  if (!user) {
    return (
      <p>
        <Link href="/sign-in">Sign in</Link> to have a new link sent to you.
      </p>
    );
  }
  if (user.emailVerified) {
    return (
      <p>
        Your address {user.email} is already confirmed. To change it, use{' '}
        <Link href="/account">your account page</Link>; otherwise{' '}
        <Link href="/">go to your dashboard</Link>.
      </p>
    );
  }
  return (
    <>
      <p>Ask for a new link to {user.email}:</p>
      <ResendLinkButton email={user.email} />
    </>
  );
}

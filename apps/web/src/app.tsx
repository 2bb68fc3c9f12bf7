import type { PublicUser } from '@rolegate/core';
import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Switch, useSearch } from 'wouter';
import { AdminGate } from './admin/admin-gate';
import { SignInPage } from './auth/sign-in-page';
import { SignUpPage } from './auth/sign-up-page';
import { SiteHeader } from './layout/site-header';
import { safeNextPath, signInPathFor } from './session/next-path';
import { useDecisionNotice, useSession } from './session/use-session';
import { PageHeading } from './ui/page-heading';
import { Loading, QueryStates } from './ui/states';
import { VerificationGate } from './verify/verification-gate';

// Its own chunk: a first visit is signed out and needs only the sign-in and sign-up pages; the
// dashboard (entries, proposals, forms) comes once someone is signed in, then stays cached.
const DashboardPage = lazy(() =>
  import('./dashboard/dashboard-page').then((module) => ({ default: module.DashboardPage })),
);
// Pages few visits need (a mailed link, the account settings) stay out of the first download too.
const AccountPage = lazy(() =>
  import('./account/account-page').then((module) => ({ default: module.AccountPage })),
);
const VerifyEmailPage = lazy(() =>
  import('./verify/verify-email-page').then((module) => ({ default: module.VerifyEmailPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./password/forgot-password-page').then((module) => ({
    default: module.ForgotPasswordPage,
  })),
);
const DecidePage = lazy(() =>
  import('./decide/decide-page').then((module) => ({ default: module.DecidePage })),
);
const ResetPasswordPage = lazy(() =>
  import('./password/reset-password-page').then((module) => ({
    default: module.ResetPasswordPage,
  })),
);

export function App() {
  const session = useSession();
  const user = session.data?.user ?? null;
  const decision = useDecisionNotice(user);

  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="main" tabIndex={-1}>
        <QueryStates
          query={session}
          loading="Loading…"
          failure="Rolegate could not start."
          failed={session.isError && !session.data}
        >
          <Routes user={user} decision={decision} />
        </QueryStates>
      </main>
    </>
  );
}

/** Who is signed in (if anyone), and the decision on their level request still to announce. */
interface RoutesProps {
  user: PublicUser | null;
  decision: ReturnType<typeof useDecisionNotice>;
}

function Routes({ user, decision }: RoutesProps) {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <Switch>
        {/* A mailed link works signed in or out, and before the address is confirmed. */}
        <Route path="/verify-email">
          <VerifyEmailPage user={user} />
        </Route>
        <Route path="/forgot-password">
          <ForgotPasswordPage />
        </Route>
        <Route path="/reset-password">
          <ResetPasswordPage />
        </Route>
        {/* An admin's approve/deny link: its token, not a session, says who decides. */}
        <Route path="/decide/:token">{(params) => <DecidePage token={params.token} />}</Route>
        <Route>
          <VerificationGate user={user}>
            <AccountRoutes user={user} decision={decision} />
          </VerificationGate>
        </Route>
      </Switch>
    </Suspense>
  );
}

function AccountRoutes({ user, decision }: RoutesProps) {
  return (
    <Switch>
      <Route path="/sign-in">{user ? <AfterSignIn /> : <SignInPage />}</Route>
      <Route path="/sign-up">{user ? <Redirect to="/" replace /> : <SignUpPage />}</Route>
      <Route path="/account">
        {user ? <AccountPage user={user} /> : <Redirect to={signInPathFor('/account')} replace />}
      </Route>
      <Route path="/admin" nest>
        <AdminGate user={user} />
      </Route>
      <Route path="/">
        {user ? (
          <Suspense fallback={<Loading label="Loading your dashboard…" />}>
            <DashboardPage user={user} decision={decision.decision} onDismiss={decision.dismiss} />
          </Suspense>
        ) : (
          <Redirect to="/sign-in" replace />
        )}
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

function AfterSignIn() {
  const next = safeNextPath(new URLSearchParams(useSearch()).get('next'));
  return <Redirect to={next} replace />;
}

function NotFound() {
  return (
    <section className="narrow">
      <PageHeading title="Page not found" />
      <p>
        There is no page at this address. <Link href="/">Go to your dashboard</Link>.
      </p>
    </section>
  );
}

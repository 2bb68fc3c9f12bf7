import type { PublicUser } from '@rolegate/core';
import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Switch, useSearch } from 'wouter';
import { AdminGate } from './admin/admin-gate';
import { SignInPage } from './auth/sign-in-page';
import { SignUpPage } from './auth/sign-up-page';
import { SiteHeader } from './layout/site-header';
import { safeNextPath } from './session/next-path';
import { useDecisionNotice, useSession } from './session/use-session';
import { PageHeading } from './ui/page-heading';
import { ErrorState, Loading } from './ui/states';

// Its own chunk: a first visit is signed out and needs only the sign-in and sign-up pages; the
// dashboard (entries, proposals, forms) comes once someone is signed in, then stays cached.
const DashboardPage = lazy(() =>
  import('./dashboard/dashboard-page').then((module) => ({ default: module.DashboardPage })),
);

export function App() {
  const session = useSession();
  const user = session.data?.user ?? null;
  const decision = useDecisionNotice(user);

  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="main" tabIndex={-1}>
        {session.isPending ? (
          <Loading label="Loading…" />
        ) : session.isError && !session.data ? (
          <ErrorState
            title="Rolegate could not start."
            error={session.error}
            onRetry={() => void session.refetch()}
          />
        ) : (
          <Routes user={user} decision={decision} />
        )}
      </main>
    </>
  );
}

function Routes({
  user,
  decision,
}: {
  user: PublicUser | null;
  decision: ReturnType<typeof useDecisionNotice>;
}) {
  return (
    <Switch>
      <Route path="/sign-in">{user ? <AfterSignIn /> : <SignInPage />}</Route>
      <Route path="/sign-up">{user ? <Redirect to="/" replace /> : <SignUpPage />}</Route>
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

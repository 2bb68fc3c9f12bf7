import type { PublicUser } from '@rolegate/core';
import { lazy, Suspense } from 'react';
import { Link, Redirect } from 'wouter';
import { signInPathFor } from '../session/next-path';
import { PageHeading } from '../ui/page-heading';
import { Loading } from '../ui/states';

// Its own chunk: only admins ever download the admin panel.
const AdminApp = lazy(() => import('./admin-app'));

/**
 * Decides who may load the admin panel. This only spares others a useless download: the server
 * refuses every admin call from a non-admin whatever the browser shows.
 */
export function AdminGate({ user }: { user: PublicUser | null }) {
  if (!user) {
    const here = `${window.location.pathname}${window.location.search}`;
    return <Redirect to={`~${signInPathFor(here)}`} replace />;
  }
  if (!user.isAdmin) {
    return (
      <section className="narrow">
        <PageHeading title="Admins only" />
        <p>
          The admin panel is for admins, and your account is not one. If you need a higher level,
          ask for it on <Link href="~/account#level">your account page</Link>.
        </p>
      </section>
    );
  }
  return (
    <Suspense fallback={<Loading label="Loading the admin panel…" />}>
      <AdminApp />
    </Suspense>
  );
}

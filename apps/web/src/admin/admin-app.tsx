import type { ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { PageHeading } from '../ui/page-heading';
import { AuditPage } from './audit-page';
import { MailFailingBanner } from './mail-failing-banner';
import { MailPage } from './mail-page';
import { PersonPage } from './person-page';
import { RequestPage } from './request-page';
import { RequestsPage } from './requests-page';
import { UsersPage } from './users-page';

function AdminNavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const active =
    href === '/' ? location === '/' || location.startsWith('/requests') : location.startsWith(href);
  return (
    <Link href={href} className="nav-link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The admin panel: loaded on its own (React.lazy) so nobody else downloads it. Routes are under /admin. */
export default function AdminApp() {
  return (
    <div className="admin">
      <nav aria-label="Admin" className="subnav">
        <AdminNavLink href="/">Requests</AdminNavLink>
        <AdminNavLink href="/users">Users</AdminNavLink>
        <AdminNavLink href="/mail">Mail</AdminNavLink>
        <AdminNavLink href="/audit">Audit log</AdminNavLink>
      </nav>
      <MailFailingBanner />
      <Switch>
        <Route path="/">
          <RequestsPage />
        </Route>
        <Route path="/requests/:id">{(params) => <RequestPage id={params.id} />}</Route>
        <Route path="/users">
          <UsersPage />
        </Route>
        <Route path="/users/:id">{(params) => <PersonPage id={params.id} />}</Route>
        <Route path="/mail">
          <MailPage />
        </Route>
        <Route path="/audit">
          <AuditPage />
        </Route>
        <Route>
          <section className="narrow">
            <PageHeading title="Page not found" />
            <p>
              The admin panel has no page here. <Link href="/">See the requests</Link>.
            </p>
          </section>
        </Route>
      </Switch>
    </div>
  );
}

import type { PublicUser } from '@rolegate/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { levelLabel } from '../access/level-options';
import { SignOutButton } from '../auth/sign-out-button';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const active = href === '/' ? location === '/' : location.startsWith(href);
  return (
    <Link href={href} className="nav-link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function SiteHeader({ user }: { user: PublicUser | null }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header-inner">
        <Link href="/" className="brand">
          Rolegate
        </Link>
        <nav aria-label="Main" className="nav">
          {user ? (
            <>
              <NavLink href="/">Entries</NavLink>
              <NavLink href="/account">Account</NavLink>
              {user.isAdmin ? <NavLink href="/admin">Admin</NavLink> : null}
            </>
          ) : (
            <>
              <NavLink href="/sign-in">Sign in</NavLink>
              <NavLink href="/sign-up">Create account</NavLink>
            </>
          )}
        </nav>
        {user ? (
          <div className="account">
            <span className="account-name">
              {user.name} <span className="badge">{levelLabel(user.role)}</span>
            </span>
            <SignOutButton />
          </div>
        ) : null}
      </div>
    </header>
  );
}

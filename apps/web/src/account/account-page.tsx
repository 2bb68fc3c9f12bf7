import type { PublicUser } from '@rolegate/core';
import { useEffect, useRef, useState } from 'react';
import { PendingBanner } from '../dashboard/pending-banner';
import { PageHeading } from '../ui/page-heading';
import { ResendLinkButton } from '../verify/resend-link-button';
import { ChangeEmailForm } from './change-email-form';
import { ChangePasswordForm } from './change-password-form';
import { LevelPanel } from './level-panel';
import { RequestHistorySection } from './request-history-section';
import { RequestMailPanel } from './request-mail-panel';
import { SessionsSection } from './sessions-section';

/** The person's own account: address, password, sessions and level. The dashboard is for entries. */
export function AccountPage({ user }: { user: PublicUser }) {
  // "Ask for a higher level" on the dashboard links to /account#level: open that form, focus it.
  const [askingLevel] = useState(() => window.location.hash === '#level');
  useEffect(() => {
    if (!askingLevel) return;
    const heading = document.getElementById('level-heading');
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: 'start' });
  }, [askingLevel]);
  return (
    <div className="account-page">
      <PageHeading title="Your account" />
      <PendingBanner user={user} />
      <EmailPanel user={user} />
      <PasswordPanel />
      <SessionsSection />
      <LevelPanel user={user} open={askingLevel} />
      <RequestHistorySection />
      {user.isAdmin ? <RequestMailPanel /> : null}
    </div>
  );
}

function EmailPanel({ user }: { user: PublicUser }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  return (
    <section className="panel" aria-labelledby="email-heading">
      <h2 id="email-heading">Email address</h2>
      <p>
        <strong className="address">{user.email}</strong>{' '}
        {user.emailVerified ? (
          <span className="badge badge-approved">Confirmed</span>
        ) : (
          <span className="badge badge-pending">Not confirmed</span>
        )}
      </p>
      {user.emailVerified ? null : <ResendLinkButton email={user.email} />}
      <div aria-live="polite">
        {sentTo ? (
          <p ref={notice} tabIndex={-1} className="notice notice-success">
            We sent a link to <strong className="address">{sentTo}</strong>. Your address changes
            once you open it; until then you keep using {user.email}
            {user.emailVerified ? ', which we told about the change' : ''}.
          </p>
        ) : null}
      </div>
      <h3>Change your address</h3>
      <ChangeEmailForm
        onSent={(newEmail) => {
          setSentTo(newEmail);
          requestAnimationFrame(() => notice.current?.focus());
        }}
      />
    </section>
  );
}

function PasswordPanel() {
  const [changed, setChanged] = useState(false);
  const notice = useRef<HTMLParagraphElement>(null);
  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <div aria-live="polite">
        {changed ? (
          <p ref={notice} tabIndex={-1} className="notice notice-success">
            Your password is changed. Every other session was signed out, and we mailed you a
            notice.
          </p>
        ) : null}
      </div>
      <ChangePasswordForm
        onChanged={() => {
          setChanged(true);
          requestAnimationFrame(() => notice.current?.focus());
        }}
      />
    </section>
  );
}

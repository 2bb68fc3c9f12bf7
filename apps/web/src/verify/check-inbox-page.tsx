import type { PublicUser } from '@rolegate/core';
import { useRef, useState } from 'react';
import { levelLabel } from '../access/level-options';
import { ChangeEmailForm } from '../account/change-email-form';
import { PageHeading } from '../ui/page-heading';
import { ResendLinkButton } from './resend-link-button';

/**
 * What an account whose address is not yet proven sees instead of the dashboard (the server refuses
 * everything else until then). Following the link in another tab is noticed when this one regains
 * focus: the session is asked for again then, and the dashboard takes this page's place.
 */
export function CheckInboxPage({ user }: { user: PublicUser }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentNotice = useRef<HTMLParagraphElement>(null);

  return (
    <section className="narrow">
      <PageHeading title="Check your inbox" />
      <p>
        We sent a link to <strong className="address">{user.email}</strong>. Open it to confirm that
        this address is yours; then your account is ready. The link works for 24 hours.
      </p>
      {user.pending && user.requestedRole ? (
        <p>
          Your request for {levelLabel(user.requestedRole)} access goes to the admins once the
          address is confirmed, so their answer reaches you.
        </p>
      ) : null}
      <p className="hint">
        Nothing there? Look in the spam folder, or ask for a new link. Each new link works too.
      </p>
      <ResendLinkButton email={user.email} />

      <details className="disclosure">
        <summary>Wrong address? Change it</summary>
        <p>We send a link to the new address; your account takes it once you open the link.</p>
        <ChangeEmailForm
          onSent={(newEmail) => {
            setSentTo(newEmail);
            // After React draws the notice: focus moves from the reset form to what happened.
            requestAnimationFrame(() => sentNotice.current?.focus());
          }}
        />
      </details>
      <div aria-live="polite">
        {sentTo ? (
          <p ref={sentNotice} tabIndex={-1} className="notice notice-success">
            We sent a link to <strong className="address">{sentTo}</strong>. Open it to confirm the
            new address; your account then uses it instead of {user.email}.
          </p>
        ) : null}
      </div>
    </section>
  );
}

import type { PublicUser } from '@rolegate/core';
import { levelLabel } from '../access/level-options';

/** While a request waits: what was asked for, what the person can do meanwhile. */
export function PendingBanner({ user }: { user: PublicUser }) {
  if (!user.pending || !user.requestedRole) return null;
  return (
    <div className="banner banner-pending" role="status">
      <p>
        <strong>
          Your request for {levelLabel(user.requestedRole)} access is waiting for an admin.
        </strong>{' '}
        Until it is decided you work as {levelLabel(user.role)}. We will email you the decision, and
        this page updates by itself.
      </p>
    </div>
  );
}

import { ACCESS_TABLE, type PublicUser } from '@rolegate/core';
import { Link } from 'wouter';
import { requestableOptions } from '../access/level-options';
import { formatDateTime } from '../ui/format';

/** The level in force and what it allows; asking for another is on the account page. */
export function LevelSummary({ user }: { user: PublicUser }) {
  const policy = ACCESS_TABLE[user.role];
  return (
    <p className="level-summary-line">
      Your level: <span className="badge">{policy.label}</span>
      {user.levelExpiresAt ? ` until ${formatDateTime(user.levelExpiresAt)}.` : null}{' '}
      {policy.summary}{' '}
      {/* Only whether there is a higher level to ask for: which need approval does not matter here. */}
      {requestableOptions(user, null).length > 0 ? (
        <Link href="/account#level">Ask for a higher level</Link>
      ) : null}
    </p>
  );
}

import type { Level } from '@rolegate/core';
import { levelLabel } from '../access/level-options';
import { type EntryActions, newActions } from '../access/visible-actions';
import type { Decision } from '../session/session-watch';
import { formatDateTime } from '../ui/format';
import type { OwnRequest } from './latest-decision';

const ACTION_WORDS: Record<keyof EntryActions, string> = {
  read: 'read entries',
  propose: 'propose changes',
  review: 'review proposals',
  write: 'edit and delete entries directly',
};

/**
 * What became of the person's request: seen happen (`live`, from the session watch) or found on the
 * next visit (`latest`, from account.requests), with the admin's reason for a denial. It does not
 * point to the email: mail may be failing, and the reason is right here.
 */
export function DecisionNotice({
  live,
  latest,
  role,
  onDismiss,
}: {
  live: Decision | null;
  latest: OwnRequest | null;
  role: Level;
  onDismiss: () => void;
}) {
  const decision: Decision | null =
    live ??
    (latest && latest.status !== 'pending'
      ? {
          outcome: latest.status === 'approved' ? 'approved' : 'denied',
          level: latest.requestedRole,
          from: role,
        }
      : null);
  const request = latest && decision && latest.requestedRole === decision.level ? latest : null;
  return (
    <div aria-live="polite">
      {decision ? (
        <div className={`banner banner-${decision.outcome === 'approved' ? 'success' : 'warning'}`}>
          <p>{message(decision, role, request)}</p>
          {decision.outcome === 'denied' && request?.denyReason ? (
            <blockquote className="note">
              <span className="visually-hidden">Their reason: </span>
              {request.denyReason}
            </blockquote>
          ) : null}
          <button type="button" className="button button-secondary" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}

function message(decision: Decision, role: Level, request: OwnRequest | null): string {
  const asked = levelLabel(decision.level);
  const when = request?.decidedAt ? ` on ${formatDateTime(request.decidedAt)}` : '';
  if (decision.outcome === 'denied') {
    const why = request?.denyReason
      ? 'Their reason:'
      : request
        ? 'No reason was given.'
        : 'Their reason, if they gave one, will show here in a moment.';
    return `An admin did not approve your request for ${asked}${when}. You keep ${levelLabel(role)} access. ${why}`;
  }
  const gained = newActions(decision.from, role).map((action) => ACTION_WORDS[action]);
  const now = gained.length > 0 ? ` You can now ${gained.join(' and ')}.` : '';
  return `An admin approved your request${when}: you now have ${asked} access.${now}`;
}

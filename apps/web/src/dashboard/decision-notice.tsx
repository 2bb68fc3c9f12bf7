import type { Level } from '@rolegate/core';
import { levelLabel } from '../access/level-options';
import { type EntryActions, newActions } from '../access/visible-actions';
import type { Decision } from '../session/session-watch';

const ACTION_WORDS: Record<keyof EntryActions, string> = {
  read: 'read entries',
  propose: 'propose changes',
  review: 'review proposals',
  write: 'edit and delete entries directly',
};

export function DecisionNotice({
  decision,
  role,
  onDismiss,
}: {
  decision: Decision | null;
  role: Level;
  onDismiss: () => void;
}) {
  return (
    <div aria-live="polite">
      {decision ? (
        <div className={`banner banner-${decision.outcome === 'approved' ? 'success' : 'warning'}`}>
          <p>{message(decision, role)}</p>
          <button type="button" className="button button-secondary" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}

function message(decision: Decision, role: Level): string {
  const asked = levelLabel(decision.level);
  if (decision.outcome === 'denied') {
    return `An admin did not approve your request for ${asked}. You keep ${levelLabel(role)} access; the email we sent says why.`;
  }
  const gained = newActions(decision.from, role).map((action) => ACTION_WORDS[action]);
  const now = gained.length > 0 ? ` You can now ${gained.join(' and ')}.` : '';
  return `An admin approved your request: you now have ${asked} access.${now}`;
}

import { useId, useState } from 'react';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { formatDateTime } from '../ui/format';
import { ErrorAlert } from '../ui/states';
import type { QueuedProposal } from './entry-types';

/** The reviewer's two answers, as buttons: while one is being sent, the other waits. */
const DECISIONS = [
  { decision: 'accept', label: 'Accept', busyLabel: 'Accepting…', variant: 'primary' },
  { decision: 'reject', label: 'Reject', busyLabel: 'Rejecting…', variant: 'secondary' },
] as const;

interface ProposalCardProps {
  proposal: QueuedProposal;
  /** One's own proposal is shown but not reviewable: another editor has to decide it. */
  mine: boolean;
  onDone: (message: string) => void;
}

export function ProposalCard({ proposal, mine, onDone }: ProposalCardProps) {
  const titleId = useId();
  const noteId = useId();
  const [note, setNote] = useState('');
  const utils = trpc.useUtils();
  const review = trpc.entries.review.useMutation({
    onSuccess: async ({ proposal: reviewed }) => {
      await Promise.all([utils.entries.proposals.invalidate(), utils.entries.list.invalidate()]);
      onDone(
        reviewed.status === 'accepted'
          ? `Accepted “${reviewed.title}”: the entry is updated.`
          : `Rejected “${reviewed.title}”.`,
      );
    },
    // Someone else decided it first (the fresh queue no longer lists it), or the entry changed
    // (the fresh queue shows it as it is now): either way the error stays on the card.
    onError: () =>
      void Promise.all([utils.entries.proposals.invalidate(), utils.entries.list.invalidate()]),
  });
  const decide = (decision: 'accept' | 'reject') =>
    review.mutate({
      proposalId: proposal.id,
      decision,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  const pendingDecision = review.isPending ? review.variables?.decision : undefined;
  // The server refuses to accept it (CONFLICT); saying so first saves the reviewer the click.
  const outdated = proposal.current !== null && proposal.current.version !== proposal.baseVersion;

  return (
    <article className="card proposal" aria-labelledby={titleId}>
      <p className="kicker">
        {proposal.current ? `Edit of “${proposal.current.title}”` : 'New entry'}
      </p>
      <h3 id={titleId}>{proposal.title}</h3>
      <p className="meta">
        Proposed by {mine ? 'you' : proposal.proposedBy.name} on{' '}
        {formatDateTime(proposal.createdAt)}
      </p>
      {proposal.current ? (
        <div className="compare">
          <div>
            <h4>Now</h4>
            <div className="entry-body">{proposal.current.body}</div>
          </div>
          <div>
            <h4>Proposed</h4>
            <div className="entry-body">{proposal.body}</div>
          </div>
        </div>
      ) : (
        <div className="entry-body">{proposal.body}</div>
      )}
      {outdated ? (
        <p className="notice banner-warning">
          The entry changed after this edit was proposed, so accepting it would overwrite the newer
          text: compare the two, then reject it and ask for the edit again on the current text.
        </p>
      ) : null}
      {mine ? (
        <p className="hint">Your own proposal: another editor reviews it.</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={noteId}>Note to the author (optional)</label>
            <textarea
              id={noteId}
              rows={2}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <ErrorAlert error={review.error} />
          <div className="actions">
            {DECISIONS.map(({ decision, label, busyLabel, variant }) => (
              <BusyButton
                key={decision}
                type="button"
                variant={variant}
                busy={pendingDecision === decision}
                busyLabel={busyLabel}
                disabled={pendingDecision !== undefined && pendingDecision !== decision}
                aria-label={`${label} ${proposal.title}`}
                onClick={() => decide(decision)}
              >
                {label}
              </BusyButton>
            ))}
          </div>
        </>
      )}
    </article>
  );
}

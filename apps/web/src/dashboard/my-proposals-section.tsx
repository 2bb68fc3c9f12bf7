import { useId } from 'react';
import { trpc } from '../trpc';
import { CardList } from '../ui/card-list';
import { formatDateTime } from '../ui/format';
import type { MyProposal } from './entry-types';

const PAGE_SIZE = 20;

const STATUS_LABEL: Record<MyProposal['status'], string> = {
  pending: 'Waiting for review',
  accepted: 'Accepted',
  rejected: 'Not accepted',
  withdrawn: 'Closed: entry deleted',
};

/** A contributor's own proposals: what became of each, and the editor's note to them. */
export function MyProposalsSection() {
  const mine = trpc.entries.myProposals.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor, refetchOnWindowFocus: true },
  );
  const proposals = mine.data?.pages.flatMap((page) => page.proposals) ?? [];
  return (
    <section className="section" aria-labelledby="my-proposals-heading">
      <div className="section-head">
        <h2 id="my-proposals-heading">Your proposals</h2>
        <ProposalMailToggle />
      </div>
      <CardList
        query={mine}
        items={proposals}
        loading="Loading your proposals…"
        failure="Your proposals could not be loaded."
        empty="You have not proposed anything yet."
        more={{ query: mine, label: 'Show more of your proposals' }}
      >
        {(proposal) => <MyProposalCard proposal={proposal} />}
      </CardList>
    </section>
  );
}

function MyProposalCard({ proposal }: { proposal: MyProposal }) {
  const titleId = useId();
  const decided =
    proposal.decidedAt && proposal.status !== 'pending'
      ? ` · ${proposal.status === 'withdrawn' ? 'closed' : 'decided'} ${formatDateTime(proposal.decidedAt)}${proposal.decidedBy ? ` by ${proposal.decidedBy.name}` : ''}`
      : '';
  return (
    <article className="card proposal" aria-labelledby={titleId}>
      <p className={`kicker status status-${proposal.status}`}>{STATUS_LABEL[proposal.status]}</p>
      <h3 id={titleId}>{proposal.title}</h3>
      <p className="meta">
        Sent {formatDateTime(proposal.createdAt)}
        {decided}
      </p>
      {proposal.note ? (
        <blockquote className="note">
          <span className="visually-hidden">
            {proposal.status === 'withdrawn' ? 'Why: ' : 'Note from the editor: '}
          </span>
          {proposal.note}
        </blockquote>
      ) : null}
      <details>
        <summary>Your text</summary>
        <div className="entry-body">{proposal.body}</div>
      </details>
    </article>
  );
}

/** The opt-out of "your proposal was accepted" mail (until the account page has a place for it). */
function ProposalMailToggle() {
  const id = useId();
  const utils = trpc.useUtils();
  const setting = trpc.entries.notificationSettings.useQuery();
  const change = trpc.entries.setNotificationSettings.useMutation({
    onSuccess: (saved) => utils.entries.notificationSettings.setData(undefined, saved),
  });
  if (!setting.data) return null;
  const checked = change.isPending
    ? (change.variables?.proposalOutcomes ?? setting.data.proposalOutcomes)
    : setting.data.proposalOutcomes;
  return (
    <div className="toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={change.isPending}
        onChange={(event) => change.mutate({ proposalOutcomes: event.target.checked })}
      />
      <label htmlFor={id}>Mail me when a proposal is decided</label>
    </div>
  );
}

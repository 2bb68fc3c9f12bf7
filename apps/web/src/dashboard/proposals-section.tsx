import { useState } from 'react';
import { trpc } from '../trpc';
import { CardList } from '../ui/card-list';
import { DoneNotice } from '../ui/done-notice';
import { ProposalCard } from './proposal-card';

const PAGE_SIZE = 50;

/** The review queue, for levels whose access table entry has `entries.review`. */
export function ProposalsSection({ userId }: { userId: string }) {
  const queue = trpc.entries.proposals.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor, refetchOnWindowFocus: true },
  );
  const [flash, setFlash] = useState<string | null>(null);
  const proposals = queue.data?.pages.flatMap((page) => page.proposals) ?? [];
  const count = `${proposals.length}${queue.hasNextPage ? '+' : ''} waiting`;

  return (
    <section className="section" aria-labelledby="proposals-heading">
      <div className="section-head">
        <h2 id="proposals-heading">Proposals to review</h2>
        {proposals.length > 0 ? <span className="count">{count}</span> : null}
      </div>
      <DoneNotice message={flash} />
      <CardList
        query={queue}
        items={proposals}
        loading="Loading proposals…"
        failure="The proposals could not be loaded."
        empty="No proposals are waiting for review."
        more={{ query: queue, label: 'Show more proposals' }}
      >
        {(proposal) => (
          <ProposalCard
            proposal={proposal}
            mine={proposal.proposedBy.id === userId}
            onDone={setFlash}
          />
        )}
      </CardList>
    </section>
  );
}

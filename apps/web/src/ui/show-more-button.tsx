import type { ReactNode } from 'react';
import { BusyButton } from './busy-button';

export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The button under a paged list that loads its next page; nothing once the last page is in. */
export function ShowMoreButton({ query, children }: { query: PagedQuery; children: ReactNode }) {
  return query.hasNextPage ? (
    <BusyButton
      type="button"
      variant="secondary"
      className="more"
      busy={query.isFetchingNextPage}
      busyLabel="Loading more…"
      onClick={() => void query.fetchNextPage()}
    >
      {children}
    </BusyButton>
  ) : null;
}

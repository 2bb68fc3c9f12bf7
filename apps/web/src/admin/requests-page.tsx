import { REQUEST_STATUSES, type RequestStatus } from '@rolegate/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { trpc } from '../trpc';
import { DoneNotice } from '../ui/done-notice';
import { PageHeading } from '../ui/page-heading';
import { REQUEST_STATUS_WORDS } from '../ui/request-status';
import { ShowMoreButton } from '../ui/show-more-button';
import { Empty, QueryStates } from '../ui/states';
import { FilterSelect, Filters, SearchBox, useFilterParam } from './list-filters';
import { RequestCard, requestCardId } from './request-card';

export const REQUESTS_PAGE_SIZE = 50;

/** The status filter: waiting requests unless another status (or `all`) is in the URL. */
const STATUS_OPTIONS = [
  ['', 'Waiting for a decision'],
  ['all', 'Every request'],
  ...REQUEST_STATUSES.filter((status) => status !== 'pending').map(
    (status) => [status, REQUEST_STATUS_WORDS[status]] as const,
  ),
] as const;

function statusOf(param: string): RequestStatus | undefined {
  if (param === 'all') return undefined;
  return REQUEST_STATUSES.find((status) => status === param) ?? 'pending';
}

export function RequestsPage() {
  const [statusParam] = useFilterParam('status');
  const [q] = useFilterParam('q');
  const status = statusOf(statusParam);
  const requests = trpc.admin.requests.useInfiniteQuery(
    { status, q: q === '' ? undefined : q, limit: REQUESTS_PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      refetchOnWindowFocus: true,
      // A new search keeps the old rows on screen until its answer arrives: no flash of "Loading".
      placeholderData: keepPreviousData,
    },
  );
  const [flash, setFlash] = useState<string | null>(null);
  const list = requests.data?.pages.flatMap((page) => page.requests) ?? [];
  // After a decision the card leaves the waiting list: focus moves to the request that took its
  // place (or the last one), or to the list's heading once none is left, never to <body>.
  const [decidedIndex, setDecidedIndex] = useState<number | null>(null);
  const pendingIds = list
    .filter((request) => request.status === 'pending')
    .map((request) => request.id)
    .join();
  useEffect(() => {
    if (decidedIndex === null) return;
    setDecidedIndex(null);
    const ids = pendingIds === '' ? [] : pendingIds.split(',');
    const next = ids[Math.min(decidedIndex, ids.length - 1)];
    const target = next ? requestCardId(next) : 'requests-heading';
    document.getElementById(target)?.focus();
  }, [decidedIndex, pendingIds]);
  function onDecided(index: number, message: string) {
    setDecidedIndex(index);
    setFlash(message);
  }
  const heading =
    status === undefined
      ? 'Every request'
      : status === 'pending'
        ? 'Waiting for a decision'
        : REQUEST_STATUS_WORDS[status];

  return (
    <>
      <PageHeading title="Level requests" />
      <DoneNotice message={flash} />
      <Filters>
        <SearchBox label="Search by name or email" />
        <FilterSelect name="status" label="Status" options={STATUS_OPTIONS} />
      </Filters>
      <section
        className="section"
        aria-labelledby="requests-heading"
        aria-busy={requests.isFetching}
      >
        <h2 id="requests-heading" tabIndex={-1}>
          {heading}
          {q ? <span className="muted"> matching “{q}”</span> : null}
        </h2>
        <QueryStates
          query={requests}
          loading="Loading requests…"
          failure="The requests could not be loaded."
        >
          {list.length === 0 ? (
            <Empty>
              {q
                ? 'No request matches this search.'
                : status === 'pending'
                  ? 'No requests are waiting.'
                  : 'No request has this status.'}
            </Empty>
          ) : (
            <ul className="card-list">
              {list.map((request, index) => (
                <li key={request.id}>
                  <RequestCard
                    request={request}
                    linked
                    onDecided={(message) => onDecided(index, message)}
                  />
                </li>
              ))}
            </ul>
          )}
          <ShowMoreButton query={requests}>Show more requests</ShowMoreButton>
        </QueryStates>
      </section>
    </>
  );
}

import { useEffect, useState } from 'react';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';
import { Empty, QueryStates } from '../ui/states';
import { RequestCard, requestCardId } from './request-card';

export function RequestsPage() {
  const requests = trpc.admin.requests.useQuery(undefined, { refetchOnWindowFocus: true });
  const [flash, setFlash] = useState<string | null>(null);
  const all = requests.data?.requests ?? [];
  const pending = all.filter((request) => request.status === 'pending');
  const decided = all.filter((request) => request.status !== 'pending');
  // After a decision the card leaves the queue: focus moves to the request that took its place
  // (or the last one), or to the queue's heading once none is left, never to <body>.
  const [decidedIndex, setDecidedIndex] = useState<number | null>(null);
  const pendingIds = pending.map((request) => request.id).join();
  useEffect(() => {
    if (decidedIndex === null) return;
    setDecidedIndex(null);
    const ids = pendingIds === '' ? [] : pendingIds.split(',');
    const next = ids[Math.min(decidedIndex, ids.length - 1)];
    const target = next ? requestCardId(next) : 'pending-heading';
    document.getElementById(target)?.focus();
  }, [decidedIndex, pendingIds]);
  function onDecided(index: number, message: string) {
    setDecidedIndex(index);
    setFlash(message);
  }

  return (
    <>
      <PageHeading title="Level requests" />
      <div aria-live="polite">
        {flash ? <p className="notice notice-success">{flash}</p> : null}
      </div>
      <QueryStates
        query={requests}
        loading="Loading requests…"
        failure="The requests could not be loaded."
      >
        <section className="section" aria-labelledby="pending-heading">
          <h2 id="pending-heading" tabIndex={-1}>
            Waiting for a decision
          </h2>
          {pending.length === 0 ? (
            <Empty>No requests are waiting.</Empty>
          ) : (
            <ul className="card-list">
              {pending.map((request, index) => (
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
        </section>
        <section className="section" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          {decided.length === 0 ? (
            <Empty>No request has been decided yet.</Empty>
          ) : (
            <ul className="card-list">
              {decided.map((request) => (
                <li key={request.id}>
                  <RequestCard request={request} linked onDecided={setFlash} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </QueryStates>
    </>
  );
}

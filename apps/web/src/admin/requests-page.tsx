import { useState } from 'react';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';
import { Empty, ErrorState, Loading } from '../ui/states';
import { RequestCard } from './request-card';

export function RequestsPage() {
  const requests = trpc.admin.requests.useQuery(undefined, { refetchOnWindowFocus: true });
  const [flash, setFlash] = useState<string | null>(null);
  const all = requests.data?.requests ?? [];
  const pending = all.filter((request) => request.status === 'pending');
  const decided = all.filter((request) => request.status !== 'pending');

  return (
    <>
      <PageHeading title="Level requests" />
      <div aria-live="polite">
        {flash ? <p className="notice notice-success">{flash}</p> : null}
      </div>
      {requests.isPending ? (
        <Loading label="Loading requests…" />
      ) : requests.isError ? (
        <ErrorState
          title="The requests could not be loaded."
          error={requests.error}
          onRetry={() => void requests.refetch()}
        />
      ) : (
        <>
          <section className="section" aria-labelledby="pending-heading">
            <h2 id="pending-heading">Waiting for a decision</h2>
            {pending.length === 0 ? (
              <Empty>No requests are waiting.</Empty>
            ) : (
              <ul className="card-list">
                {pending.map((request) => (
                  <li key={request.id}>
                    <RequestCard request={request} linked onDecided={setFlash} />
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
        </>
      )}
    </>
  );
}

import { useState } from 'react';
import { Link } from 'wouter';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';
import { QueryStates } from '../ui/states';
import { RequestCard } from './request-card';

/** One request: where the link in the admins' email lands. */
export function RequestPage({ id }: { id: string }) {
  const requests = trpc.admin.requests.useQuery(undefined, { refetchOnWindowFocus: true });
  const [flash, setFlash] = useState<string | null>(null);
  const request = requests.data?.requests.find((candidate) => candidate.id === id);

  return (
    <>
      <PageHeading title="Level request" />
      <p>
        <Link href="/">← All requests</Link>
      </p>
      <div aria-live="polite">
        {flash ? <p className="notice notice-success">{flash}</p> : null}
      </div>
      <QueryStates
        query={requests}
        loading="Loading the request…"
        failure="The request could not be loaded."
        empty={
          request
            ? null
            : 'There is no request with this id. It may have been removed with its account.'
        }
      >
        {request ? <RequestCard request={request} onDecided={setFlash} /> : null}
      </QueryStates>
    </>
  );
}

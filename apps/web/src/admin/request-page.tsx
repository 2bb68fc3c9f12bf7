import { useState } from 'react';
import { Link } from 'wouter';
import { errorCode } from '../forms/form-errors';
import { trpc } from '../trpc';
import { DoneNotice } from '../ui/done-notice';
import { PageHeading } from '../ui/page-heading';
import { Empty, QueryStates } from '../ui/states';
import { RequestCard } from './request-card';

/** One request, loaded on its own (admin.request): where the link in the admins' email lands. */
export function RequestPage({ id }: { id: string }) {
  const query = trpc.admin.request.useQuery({ requestId: id }, { refetchOnWindowFocus: true });
  const utils = trpc.useUtils();
  const [flash, setFlash] = useState<string | null>(null);
  const onDecided = (message: string) => {
    setFlash(message);
    // The card shows the decision (or the other admin's) once the request is read again.
    void utils.admin.request.invalidate({ requestId: id });
  };
  // An id that is not one (a mistyped link) is as missing as an unknown one.
  const code = query.isError ? errorCode(query.error) : null;
  const missing = code === 'NOT_FOUND' || code === 'BAD_REQUEST';

  return (
    <>
      <PageHeading title="Level request" />
      <p>
        <Link href="/">← All requests</Link>
      </p>
      <DoneNotice message={flash} />
      {missing ? (
        <Empty>There is no request with this id. It may have been removed with its account.</Empty>
      ) : (
        <QueryStates
          query={query}
          loading="Loading the request…"
          failure="The request could not be loaded."
        >
          {query.data ? <RequestCard request={query.data.request} onDecided={onDecided} /> : null}
        </QueryStates>
      )}
    </>
  );
}

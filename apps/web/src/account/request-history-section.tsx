import { levelLabel } from '../access/level-options';
import { type RouterOutputs, trpc } from '../trpc';
import { formatDateTime } from '../ui/format';
import { MutationButton } from '../ui/mutation-button';
import { REQUEST_STATUS_WORDS } from '../ui/request-status';
import { ErrorAlert, QueryStates } from '../ui/states';

type OwnRequest = RouterOutputs['account']['requests']['requests'][number];

/** The person's own level requests, with an admin's reason for a denial and a way to withdraw. */
export function RequestHistorySection() {
  const requests = trpc.account.requests.useQuery();
  return (
    <section className="panel" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Your level requests</h2>
      <QueryStates
        query={requests}
        loading="Loading your requests…"
        failure="Your requests could not be loaded."
        empty={requests.data?.requests.length === 0 ? 'You have not asked for a level.' : null}
      >
        <ul className="request-history">
          {requests.data?.requests.map((request) => (
            <OwnRequestItem key={request.id} request={request} />
          ))}
        </ul>
      </QueryStates>
    </section>
  );
}

function OwnRequestItem({ request }: { request: OwnRequest }) {
  const utils = trpc.useUtils();
  const withdraw = trpc.account.withdrawRequest.useMutation({
    onSettled: () => Promise.all([utils.account.requests.invalidate(), utils.auth.me.invalidate()]),
  });
  const level = levelLabel(request.requestedRole);
  return (
    <li>
      <strong>{level}</strong>{' '}
      <span className={`badge badge-${request.status}`}>
        {REQUEST_STATUS_WORDS[request.status]}
      </span>{' '}
      asked {formatDateTime(request.createdAt)}
      {request.decidedAt ? `, ${request.status} ${formatDateTime(request.decidedAt)}` : null}
      {request.status === 'denied' ? (
        <p className="prewrap">
          {request.denyReason
            ? `The admin’s reason: ${request.denyReason}`
            : 'No reason was given.'}
        </p>
      ) : null}
      <ErrorAlert error={withdraw.error} />
      {request.status === 'pending' ? (
        <MutationButton
          mutation={withdraw}
          input={{ requestId: request.id }}
          variant="secondary"
          busyLabel="Withdrawing…"
          aria-label={`Withdraw your request for ${level}`}
        >
          Withdraw
        </MutationButton>
      ) : null}
    </li>
  );
}

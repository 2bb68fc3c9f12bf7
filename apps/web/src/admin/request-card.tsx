import { useId } from 'react';
import { Link } from 'wouter';
import { levelLabel } from '../access/level-options';
import { formatDateTime } from '../ui/format';
import { REQUEST_STATUS_WORDS } from '../ui/request-status';
import type { LevelRequest } from './admin-types';
import { DecisionControls } from './decision-controls';

/** The card's element id: where focus goes when the request before it was decided. */
export const requestCardId = (id: string) => `request-${id}`;

interface RequestCardProps {
  request: LevelRequest;
  /** In a list, the name links to the request's own page; on that page it does not. */
  linked?: boolean;
  onDecided: (message: string) => void;
}

/** Everything a person typed is rendered as text by React: never as HTML. */
export function RequestCard({ request, linked = false, onDecided }: RequestCardProps) {
  const titleId = useId();
  const { user } = request;
  return (
    <article
      className="card request"
      aria-labelledby={titleId}
      id={requestCardId(request.id)}
      tabIndex={-1}
    >
      <h3 id={titleId}>
        {linked ? <Link href={`/requests/${request.id}`}>{user.name}</Link> : user.name}{' '}
        <span className="muted">asks for {levelLabel(request.requestedRole)}</span>
      </h3>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Level now</dt>
        <dd>{levelLabel(user.role)}</dd>
        <dt>Asked</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>Reason</dt>
        <dd className="prewrap">{request.reason ?? <span className="muted">None given</span>}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${request.status}`}>
            {REQUEST_STATUS_WORDS[request.status]}
          </span>
          {request.decidedAt
            ? ` ${formatDateTime(request.decidedAt)}${request.decidedBy ? ` by ${request.decidedBy.name}` : ''}`
            : null}
        </dd>
        {request.denyReason ? (
          <>
            <dt>Why denied</dt>
            <dd className="prewrap">{request.denyReason}</dd>
          </>
        ) : null}
      </dl>
      {request.status === 'pending' ? (
        <DecisionControls request={request} onDecided={onDecided} />
      ) : null}
    </article>
  );
}

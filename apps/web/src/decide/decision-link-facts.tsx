import type { LevelRequestView } from '@rolegate/core';
import { levelLabel } from '../access/level-options';
import { formatDateTime } from '../ui/format';

/** Who asks, for what, why and when. Everything the person typed is rendered as text by React. */
export function DecisionLinkFacts({ request }: { request: LevelRequestView }) {
  const { user } = request;
  return (
    <dl className="facts">
      <dt>Who</dt>
      <dd>
        {user.name} ({user.email})
      </dd>
      <dt>Level asked for</dt>
      <dd>{levelLabel(request.requestedRole)}</dd>
      <dt>Level now</dt>
      <dd>{levelLabel(user.role)}</dd>
      <dt>Reason</dt>
      <dd className="prewrap">{request.reason ?? <span className="muted">None given</span>}</dd>
      <dt>Asked</dt>
      <dd>{formatDateTime(request.createdAt)}</dd>
    </dl>
  );
}

/** A request that no longer waits: who decided it and when, instead of the buttons. */
export function DecidedLine({ request }: { request: LevelRequestView }) {
  // The status reads as the verb: approved, denied.
  const how = request.status === 'pending' ? 'decided' : request.status;
  return (
    <p className="notice" role="status">
      This request was already {how}
      {request.decidedBy ? ` by ${request.decidedBy.name}` : ''}
      {request.decidedAt ? ` on ${formatDateTime(request.decidedAt)}` : ''}. Nothing more to do
      here.
    </p>
  );
}

import { useState } from 'react';
import { Link } from 'wouter';
import { levelLabel } from '../access/level-options';
import { trpc } from '../trpc';
import { DoneNotice } from '../ui/done-notice';
import { formatDateTime } from '../ui/format';
import { PageHeading } from '../ui/page-heading';
import { REQUEST_STATUS_WORDS } from '../ui/request-status';
import { QueryStates } from '../ui/states';
import { AdminFlagControl } from './admin-flag-control';
import type { AdminPerson } from './admin-types';
import { SetLevelForm } from './set-level-form';

/** One person (/admin/users/:id): their level and its end, the admin flag, their requests. */
export function PersonPage({ id }: { id: string }) {
  const person = trpc.admin.user.useQuery({ userId: id });
  const me = trpc.auth.me.useQuery();
  const [flash, setFlash] = useState<string | null>(null);
  const self = me.data?.user?.id === id;

  return (
    <>
      <PageHeading title={person.data?.user.name ?? 'Person'} />
      <p>
        <Link href="/users">← All users</Link> · Audit log:{' '}
        <Link href={`/audit?subjectId=${encodeURIComponent(id)}`}>about them</Link>,{' '}
        <Link href={`/audit?actorId=${encodeURIComponent(id)}`}>by them</Link>
      </p>
      <DoneNotice message={flash} />
      <QueryStates
        query={person}
        loading="Loading the person…"
        failure="The person could not be loaded."
      >
        {person.data ? (
          <>
            <PersonFacts person={person.data} />
            <section className="panel" aria-labelledby="set-level-heading">
              <h2 id="set-level-heading">Level</h2>
              {self ? (
                <p>You cannot change your own level: another admin has to.</p>
              ) : (
                <SetLevelForm user={person.data.user} onDone={setFlash} />
              )}
            </section>
            <section className="panel" aria-labelledby="admin-flag-heading">
              <h2 id="admin-flag-heading">Admin</h2>
              <AdminFlagControl user={person.data.user} onDone={setFlash} />
            </section>
            <RequestHistory requests={person.data.requests} />
          </>
        ) : null}
      </QueryStates>
    </>
  );
}

function PersonFacts({ person: { user } }: { person: AdminPerson }) {
  return (
    <dl className="facts">
      <dt>Email</dt>
      <dd>{user.email}</dd>
      <dt>Level</dt>
      <dd>
        <span className="badge">{levelLabel(user.role)}</span>
        {user.levelExpiresAt ? ` until ${formatDateTime(user.levelExpiresAt)}` : ' (for good)'}
        {user.isAdmin ? <span className="badge badge-admin">Admin</span> : null}
      </dd>
      <dt>Waiting for</dt>
      <dd>{user.requestedRole ? levelLabel(user.requestedRole) : 'Nothing'}</dd>
      <dt>Joined</dt>
      <dd>{formatDateTime(user.createdAt)}</dd>
      <dt>Address</dt>
      <dd>{user.emailVerified ? 'Confirmed' : 'Not confirmed'}</dd>
    </dl>
  );
}

function RequestHistory({ requests }: { requests: AdminPerson['requests'] }) {
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">Requests</h2>
      {requests.length === 0 ? (
        <p className="state state-empty">No level requests.</p>
      ) : (
        <ul className="request-history">
          {requests.map((request) => (
            <li key={request.id}>
              <Link href={`/requests/${request.id}`}>{levelLabel(request.requestedRole)}</Link>{' '}
              <span className={`badge badge-${request.status}`}>
                {REQUEST_STATUS_WORDS[request.status]}
              </span>{' '}
              asked {formatDateTime(request.createdAt)}
              {request.decidedAt
                ? `, ${request.status} ${formatDateTime(request.decidedAt)}${request.decidedBy ? ` by ${request.decidedBy.name}` : ''}`
                : null}
              {request.denyReason ? <p className="prewrap">Why: {request.denyReason}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { SessionView } from '@rolegate/core';
import { useRef, useState } from 'react';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { formatDateTime, formatRelative } from '../ui/format';
import { MutationButton } from '../ui/mutation-button';
import { describeError, QueryStates } from '../ui/states';
import { deviceName } from './device-name';

interface Outcome {
  kind: 'success' | 'danger';
  text: string;
}

/** Where the account is signed in, each with a way to end it, and "sign out everywhere else". */
export function SessionsSection() {
  const sessions = trpc.account.sessions.useQuery();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // After a session's row goes away, focus lands on the list's heading, not on the page's top.
  const heading = useRef<HTMLHeadingElement>(null);
  const utils = trpc.useUtils();
  const after = (text: string) => {
    setOutcome({ kind: 'success', text });
    void utils.account.sessions.invalidate();
    heading.current?.focus();
  };
  const failed = (error: unknown) => setOutcome({ kind: 'danger', text: describeError(error) });
  const everywhere = trpc.account.signOutEverywhere.useMutation({
    onSuccess: () => after('You are signed out everywhere but on this device.'),
    onError: failed,
  });
  const others = sessions.data?.sessions.filter((session) => !session.current) ?? [];
  // This device first, then the rest as the server ordered them (most recently active first).
  const listed = sessions.data?.sessions.filter((session) => session.current).concat(others) ?? [];

  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" ref={heading} tabIndex={-1}>
        Where you are signed in
      </h2>
      <div aria-live="polite">
        {outcome ? <p className={`notice notice-${outcome.kind}`}>{outcome.text}</p> : null}
      </div>
      <QueryStates
        query={sessions}
        loading="Loading your sessions…"
        failure="Your sessions could not be loaded."
      >
        <ul className="session-list">
          {listed.map((session) => (
            <SessionItem key={session.id} session={session} onDone={after} onError={failed} />
          ))}
        </ul>
        {others.length > 0 ? (
          <BusyButton
            type="button"
            variant="danger"
            busy={everywhere.isPending}
            busyLabel="Signing out…"
            onClick={() => {
              setOutcome(null);
              everywhere.mutate();
            }}
          >
            Sign out everywhere else
          </BusyButton>
        ) : (
          <p className="hint">You are signed in on this device only.</p>
        )}
      </QueryStates>
    </section>
  );
}

function SessionItem({
  session,
  onDone,
  onError,
}: {
  session: SessionView;
  onDone: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const device = deviceName(session.userAgent);
  const revoke = trpc.account.revokeSession.useMutation({
    onSuccess: () =>
      onDone(`Signed out: ${device}, signed in ${formatDateTime(session.createdAt)}.`),
    onError,
  });
  const lastSeen = formatRelative(session.lastSeenAt, new Date());

  return (
    <li className="session">
      <div className="session-facts">
        <p className="session-device">
          <strong>{device}</strong>{' '}
          {session.current ? <span className="badge badge-approved">This device</span> : null}
        </p>
        <p className="meta">
          Signed in {formatDateTime(session.createdAt)} · last active{' '}
          <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt)}>
            {lastSeen}
          </time>
          {session.ip ? ` · IP ${session.ip}` : null}
        </p>
      </div>
      {session.current ? null : (
        <MutationButton
          mutation={revoke}
          input={{ sessionId: session.id }}
          variant="secondary"
          busyLabel="Signing out…"
          aria-label={
            revoke.isPending
              ? undefined
              : `Sign out ${device}, signed in ${formatDateTime(session.createdAt)}`
          }
        >
          Sign out
        </MutationButton>
      )}
    </li>
  );
}

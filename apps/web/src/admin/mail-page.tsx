import { useState } from 'react';
import { trpc } from '../trpc';
import { CardList } from '../ui/card-list';
import { DoneNotice } from '../ui/done-notice';
import { formatDateTime, formatRelative } from '../ui/format';
import { MutationButton } from '../ui/mutation-button';
import { PageHeading } from '../ui/page-heading';
import { ErrorAlert } from '../ui/states';
import type { OutboxMessage } from './admin-types';
import { MailCheckPanel } from './mail-check-panel';

const STATE_WORDS = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
} as const;

export function MailPage() {
  const mail = trpc.admin.mail.useQuery(undefined, { refetchInterval: 10_000 });
  const messages = mail.data?.messages ?? [];
  return (
    <>
      <PageHeading title="Mail" />
      <MailCheckPanel />
      <section className="section" aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">Messages</h2>
        {messages.some((message) => message.state === 'failed') ? <RetryAllFailed /> : null}
        <CardList
          query={mail}
          items={messages}
          loading="Loading messages…"
          failure="The messages could not be loaded."
          empty="No mail has been queued yet."
        >
          {(message) => <MessageCard message={message} />}
        </CardList>
      </section>
    </>
  );
}

/** After fixing the settings: every failed message goes again, each once. */
function RetryAllFailed() {
  const [flash, setFlash] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const retryAll = trpc.admin.retryAllMail.useMutation({
    onSuccess: async ({ queued }) => {
      await utils.admin.mail.invalidate();
      setFlash(`Queued ${queued} failed ${queued === 1 ? 'message' : 'messages'} again.`);
    },
  });
  return (
    <div>
      <MutationButton mutation={retryAll} variant="secondary" busyLabel="Queuing…">
        Retry all failed
      </MutationButton>
      <DoneNotice message={flash}>
        <ErrorAlert error={retryAll.error} />
      </DoneNotice>
    </div>
  );
}

function MessageCard({ message }: { message: OutboxMessage }) {
  const [flash, setFlash] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const retry = trpc.admin.retryMail.useMutation({
    onSuccess: async () => {
      await utils.admin.mail.invalidate();
      setFlash('Queued again: the worker sends it now.');
    },
  });
  const retryable =
    message.state === 'failed' || (message.state === 'pending' && message.lastError);
  return (
    <article className="card message" aria-label={`Message: ${message.subject}`}>
      <h3>{message.subject || '(no subject)'}</h3>
      <dl className="facts">
        <dt>To</dt>
        <dd>{message.to.join(', ')}</dd>
        <dt>State</dt>
        <dd>
          <span className={`badge badge-${message.state}`}>{STATE_WORDS[message.state]}</span>
          {message.sentAt ? ` ${formatDateTime(message.sentAt)}` : null}
        </dd>
        {message.mailer !== 'default' ? (
          <>
            <dt>Mailer</dt>
            <dd>{message.mailer}</dd>
          </>
        ) : null}
        <dt>Attempts</dt>
        <dd>{message.attempts}</dd>
        {message.state === 'pending' ? (
          <>
            <dt>Next attempt</dt>
            <dd>{formatRelative(message.nextAttemptAt, new Date())}</dd>
          </>
        ) : null}
        {message.lastError ? (
          <>
            <dt>Last error</dt>
            <dd className="prewrap">{message.lastError}</dd>
          </>
        ) : null}
        <dt>Queued</dt>
        <dd>{formatDateTime(message.createdAt)}</dd>
      </dl>
      <DoneNotice message={flash}>
        <ErrorAlert error={retry.error} />
      </DoneNotice>
      {retryable ? (
        <MutationButton
          mutation={retry}
          input={{ id: message.id }}
          variant="secondary"
          busyLabel="Queuing…"
          aria-label={`Retry now: ${message.subject}`}
        >
          Retry now
        </MutationButton>
      ) : null}
    </article>
  );
}

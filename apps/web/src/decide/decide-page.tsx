import { LINK_DECISIONS, type LinkDecision } from '@rolegate/core';

import { useId, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { levelLabel } from '../access/level-options';
import { errorCode, errorsFromServer } from '../forms/form-errors';
import { RadioOptions } from '../forms/radio-options';
import { FormAlert, TextField } from '../forms/text-field';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { formatDateTime } from '../ui/format';
import { PageHeading } from '../ui/page-heading';
import { ErrorAlert, Loading } from '../ui/states';
import { DecidedLine, DecisionLinkFacts } from './decision-link-facts';

/**
 * Where an admin's approve/deny link lands (APP_URL/decide/<token>), signed in or not. Opening it
 * only reads the request: mail scanners open links too. The decision is the confirm button's POST
 * (decision 031). `?decision=` from the mail only preselects the choice.
 */
export function DecidePage({ token }: { token: string }) {
  const preselected =
    new URLSearchParams(useSearch()).get('decision') === 'deny' ? 'deny' : 'approve';
  const link = trpc.admin.decisionLink.useQuery({ token }, { retry: false });

  if (link.isPending) return <Loading label="Loading the request…" />;
  if (link.isError) {
    return (
      <section className="narrow">
        <PageHeading title="Decide a level request" />
        <ErrorAlert error={link.error} />
        <p>
          {errorCode(link.error) === 'BAD_REQUEST'
            ? 'Links in the mail stop working after a while, and once you are no longer an admin. '
            : null}
          <Link href="/admin/">Open the admin panel</Link> to see the requests.
        </p>
      </section>
    );
  }
  const { request, admin, expiresAt } = link.data;
  return (
    <section className="narrow">
      <PageHeading title={`${request.user.name} asks for ${levelLabel(request.requestedRole)}`} />
      <DecisionLinkFacts request={request} />
      {request.status === 'pending' ? (
        <>
          <p className="muted">
            You decide as {admin.name} ({admin.email}). This link works until{' '}
            {formatDateTime(expiresAt)}.
          </p>
          <ConfirmDecision
            token={token}
            preselected={preselected}
            who={request.user.name}
            level={levelLabel(request.requestedRole)}
            onSettled={() => void link.refetch()}
          />
        </>
      ) : (
        <DecidedLine request={request} />
      )}
    </section>
  );
}

function ConfirmDecision({
  token,
  preselected,
  who,
  level,
  onSettled,
}: {
  token: string;
  preselected: LinkDecision;
  who: string;
  level: string;
  onSettled: () => void;
}) {
  const groupId = useId();
  const [decision, setDecision] = useState<LinkDecision>(preselected);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const decide = trpc.admin.decideByLink.useMutation({
    onSuccess: ({ user }) => {
      setDone(
        decision === 'approve'
          ? `Approved: ${who} now has ${level} access and is being emailed.`
          : `Denied: ${who} keeps ${levelLabel(user.role)} access and is being emailed.`,
      );
    },
    // CONFLICT: someone decided first; the page reloads the request to show who.
    onError: (error) => {
      if (errorCode(error) === 'CONFLICT') onSettled();
    },
  });
  const errors = decide.isError ? errorsFromServer(decide.error, ['reason']) : null;

  if (done) {
    return (
      <>
        <p className="notice notice-success" role="status">
          {done}
        </p>
        <p>
          <Link href="/admin/">Open the admin panel</Link>
        </p>
      </>
    );
  }
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (decide.isPending) return;
        const trimmed = reason.trim();
        decide.mutate({
          token,
          decision,
          ...(decision === 'deny' && trimmed ? { reason: trimmed } : {}),
        });
      }}
    >
      <FormAlert message={errors?.form ?? null} />
      <fieldset className="field" aria-describedby={`${groupId}-hint`}>
        <legend>Your decision</legend>
        <p className="hint" id={`${groupId}-hint`}>
          Nothing happens until you press the button below.
        </p>
        <RadioOptions
          name="decision"
          choices={LINK_DECISIONS}
          value={decision}
          onChange={setDecision}
          label={(choice) =>
            choice === 'approve'
              ? ` Approve: ${who} gets ${level} access`
              : ` Deny: ${who} keeps their level`
          }
        />
      </fieldset>
      {decision === 'deny' ? (
        <TextField
          multiline
          name="reason"
          label={`Reason for ${who} (optional)`}
          hint="Included in the email that tells them."
          rows={3}
          value={reason}
          errors={errors?.fields.reason}
          onChange={(event) => setReason(event.target.value)}
        />
      ) : null}
      <div className="actions">
        <BusyButton
          type="submit"
          variant={decision === 'deny' ? 'danger' : 'primary'}
          busy={decide.isPending}
          busyLabel={decision === 'deny' ? 'Denying…' : 'Approving…'}
        >
          {decision === 'deny' ? `Confirm: deny ${level}` : `Confirm: approve ${level}`}
        </BusyButton>
      </div>
    </form>
  );
}

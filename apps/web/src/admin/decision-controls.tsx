import { useEffect, useId, useRef, useState } from 'react';
import { levelLabel } from '../access/level-options';
import { errorCode } from '../forms/form-errors';
import { FieldErrorsContext } from '../forms/text-field';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { formatDateTime } from '../ui/format';
import { describeError, ErrorAlert } from '../ui/states';
import { useReturnFocus } from '../ui/use-return-focus';
import type { LevelRequest } from './admin-types';
import { GrantLengthField, MISSING_DATE, useGrantLength } from './grant-length';

/**
 * Approve (for good, or for 7, 30 or 90 days or until a date), or deny with an optional reason that
 * goes into the person's email.
 */
export function DecisionControls({
  request,
  onDecided,
}: {
  request: LevelRequest;
  onDecided: (message: string) => void;
}) {
  const reasonId = useId();
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState('');
  const denyButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useReturnFocus(denyButton);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const grant = useGrantLength();
  const [grantError, setGrantError] = useState<string | null>(null);
  useEffect(() => {
    if (denying) reasonField.current?.focus();
  }, [denying]);
  const utils = trpc.useUtils();
  const refresh = () =>
    Promise.all([
      utils.admin.requests.invalidate(),
      utils.admin.users.invalidate(),
      utils.admin.mail.invalidate(),
    ]);
  const who = request.user.name;
  const level = levelLabel(request.requestedRole);
  // CONFLICT: another admin decided first. The fresh list moves the card to History, so the
  // server's "already approved by Ada at …" is said at the page's level, where it stays.
  const onError = async (error: unknown) => {
    await refresh();
    if (errorCode(error) === 'CONFLICT') {
      onDecided(`Another admin decided first. ${describeError(error)}`);
    }
  };
  const approve = trpc.admin.approve.useMutation({
    onSuccess: async ({ user }) => {
      await refresh();
      const until = user.levelExpiresAt ? ` until ${formatDateTime(user.levelExpiresAt)}` : '';
      onDecided(`Approved: ${who} now has ${level} access${until} and is being emailed.`);
    },
    onError: (error) => void onError(error),
  });
  const deny = trpc.admin.deny.useMutation({
    onSuccess: async () => {
      await refresh();
      onDecided(
        `Denied: ${who} keeps ${levelLabel(request.user.role)} access and is being emailed.`,
      );
    },
    onError: (error) => void onError(error),
  });
  function closeDenyForm() {
    setDenying(false);
    returnFocus();
  }
  const failed = approve.error ?? deny.error;
  const busy = approve.isPending || deny.isPending;

  return (
    <div className="decision">
      <ErrorAlert error={failed} />
      {denying ? (
        <form
          className="form"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !busy) {
              event.preventDefault();
              closeDenyForm();
            }
          }}
          onSubmit={(event) => {
            event.preventDefault();
            if (busy) return;
            const trimmed = reason.trim();
            deny.mutate({ requestId: request.id, ...(trimmed ? { reason: trimmed } : {}) });
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Reason for {who} (optional)</label>
            <p className="hint" id={`${reasonId}-hint`}>
              Included in the email that tells them.
            </p>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              aria-describedby={`${reasonId}-hint`}
              onChange={(event) => setReason(event.target.value)}
              ref={reasonField}
            />
          </div>
          <div className="actions">
            <BusyButton type="submit" variant="danger" busy={deny.isPending} busyLabel="Denying…">
              Deny request
            </BusyButton>
            <button type="button" className="button button-secondary" onClick={closeDenyForm}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <FieldErrorsContext.Provider value={grantError ? { expiresAt: [grantError] } : {}}>
            <GrantLengthField grant={grant} label={`Grant ${level} for`} />
          </FieldErrorsContext.Provider>
          <div className="actions">
            <BusyButton
              type="button"
              busy={approve.isPending}
              busyLabel="Approving…"
              aria-label={`Approve ${level} for ${who}`}
              onClick={() => {
                if (busy) return;
                const expiresAt = grant.expiresAt();
                setGrantError(expiresAt === null ? MISSING_DATE : null);
                if (expiresAt === null) return;
                approve.mutate({ requestId: request.id, ...(expiresAt ? { expiresAt } : {}) });
              }}
            >
              Approve
            </BusyButton>
            <button
              ref={denyButton}
              type="button"
              className="button button-secondary"
              aria-label={`Deny ${level} for ${who}`}
              onClick={() => setDenying(true)}
            >
              Deny…
            </button>
          </div>
        </>
      )}
    </div>
  );
}

import type { PublicUser } from '@rolegate/core';
import { useEffect, useRef, useState } from 'react';
import { trpc } from '../trpc';
import { MutationButton } from '../ui/mutation-button';
import { ErrorAlert } from '../ui/states';
import { useReturnFocus } from '../ui/use-return-focus';

/**
 * Make someone an admin, or take it away; the server refuses to remove the last admin. Either way
 * the admin confirms first: the flag decides who may change everyone's level, and one stray click
 * should not hand that over or take it away.
 */
export function AdminFlagControl({
  user,
  onDone,
}: {
  user: PublicUser;
  onDone: (message: string) => void;
}) {
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const confirmGroup = useRef<HTMLFieldSetElement>(null);
  const returnFocus = useReturnFocus(askButton);
  const setAdmin = trpc.admin.setAdmin.useMutation({
    onSuccess: async ({ user: changed }) => {
      await Promise.all([
        utils.admin.user.invalidate(),
        utils.admin.users.invalidate(),
        utils.auth.me.invalidate(),
      ]);
      setConfirming(false);
      returnFocus();
      onDone(
        changed.isAdmin
          ? `${changed.name} is now an admin.`
          : `${changed.name} is no longer an admin; their decision links stopped working.`,
      );
    },
  });
  useEffect(() => {
    // The confirming button takes the focus, so Enter confirms and Escape cancels from the keyboard.
    if (confirming) confirmGroup.current?.querySelector('button')?.focus();
  }, [confirming]);
  const cancel = () => {
    if (setAdmin.isPending) return;
    setConfirming(false);
    setAdmin.reset();
    returnFocus();
  };
  const action = user.isAdmin ? 'Remove admin rights' : 'Make admin';
  return (
    <div className="admin-flag">
      <p>
        {user.isAdmin
          ? `${user.name} is an admin: they decide requests and manage people.`
          : `${user.name} is not an admin.`}
      </p>
      {confirming ? (
        <fieldset
          ref={confirmGroup}
          className="field"
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancel();
          }}
        >
          <legend>{action}</legend>
          <p>
            {user.isAdmin
              ? `Remove ${user.name}'s admin rights? They will no longer decide requests or change anyone's level, and the decision links in their mail stop working. They are told by mail.`
              : `Make ${user.name} an admin? They will decide level requests and may change anyone's level, yours included. They are told by mail.`}
          </p>
          <ErrorAlert error={setAdmin.error} />
          <div className="actions">
            <MutationButton
              mutation={setAdmin}
              input={{ userId: user.id, isAdmin: !user.isAdmin }}
              variant={user.isAdmin ? 'danger' : 'primary'}
              busyLabel="Saving…"
            >
              {user.isAdmin ? 'Yes, remove admin rights' : 'Yes, make admin'}
            </MutationButton>
            <button type="button" className="button button-secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : (
        <button
          ref={askButton}
          type="button"
          className={user.isAdmin ? 'button button-danger' : 'button button-primary'}
          onClick={() => setConfirming(true)}
        >
          {action}
        </button>
      )}
    </div>
  );
}

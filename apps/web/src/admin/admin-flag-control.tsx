import type { PublicUser } from '@rolegate/core';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { describeError } from '../ui/states';

/** Make someone an admin, or take it away; the server refuses to remove the last admin. */
export function AdminFlagControl({
  user,
  onDone,
}: {
  user: PublicUser;
  onDone: (message: string) => void;
}) {
  const utils = trpc.useUtils();
  const setAdmin = trpc.admin.setAdmin.useMutation({
    onSuccess: async ({ user: changed }) => {
      await Promise.all([
        utils.admin.user.invalidate(),
        utils.admin.users.invalidate(),
        utils.auth.me.invalidate(),
      ]);
      onDone(
        changed.isAdmin
          ? `${changed.name} is now an admin.`
          : `${changed.name} is no longer an admin; their decision links stopped working.`,
      );
    },
  });
  return (
    <div className="admin-flag">
      <p>
        {user.isAdmin
          ? `${user.name} is an admin: they decide requests and manage people.`
          : `${user.name} is not an admin.`}
      </p>
      {setAdmin.error ? (
        <p className="form-alert" role="alert">
          {describeError(setAdmin.error)}
        </p>
      ) : null}
      <BusyButton
        type="button"
        variant={user.isAdmin ? 'danger' : 'primary'}
        busy={setAdmin.isPending}
        busyLabel="Saving…"
        onClick={() =>
          !setAdmin.isPending && setAdmin.mutate({ userId: user.id, isAdmin: !user.isAdmin })
        }
      >
        {user.isAdmin ? 'Remove admin rights' : 'Make admin'}
      </BusyButton>
    </div>
  );
}

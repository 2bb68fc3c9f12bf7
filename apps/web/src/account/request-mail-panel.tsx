import { LEVEL_REQUEST_MAIL_CHOICES, type LevelRequestMailChoice } from '@rolegate/core';
import { useState } from 'react';
import { RadioOptions } from '../forms/radio-options';
import { trpc } from '../trpc';
import { DoneNotice } from '../ui/done-notice';
import { ErrorAlert } from '../ui/states';

const CHOICES: Record<LevelRequestMailChoice, { label: string; detail: string }> = {
  each: {
    label: 'Each request',
    detail:
      'A mail for every level request, with Approve and Deny links, and reminders while it waits.',
  },
  daily: {
    label: 'Once a day',
    detail: 'One mail a day listing the requests that wait, and none on a day when nothing waits.',
  },
  off: {
    label: 'No mail',
    detail: 'You see requests only in the admin panel.',
  },
};

/** An admin's choice of how they hear of level requests (account.setNotificationSettings). */
export function RequestMailPanel() {
  const utils = trpc.useUtils();
  const setting = trpc.account.notificationSettings.useQuery();
  const [saved, setSaved] = useState(false);
  const change = trpc.account.setNotificationSettings.useMutation({
    onSuccess: (next) => {
      utils.account.notificationSettings.setData(undefined, next);
      setSaved(true);
      // Turning mail off may leave requests reaching nobody: the panel's banner says so.
      void utils.admin.mail.invalidate();
    },
  });
  const current = change.isPending
    ? (change.variables?.levelRequests ?? setting.data?.levelRequests)
    : setting.data?.levelRequests;
  return (
    <section className="panel" aria-labelledby="request-mail-heading">
      <h2 id="request-mail-heading">Mail about level requests</h2>
      <ErrorAlert error={setting.error} />
      <ErrorAlert error={change.error} />
      <fieldset className="field" disabled={!setting.data || change.isPending}>
        <legend>When someone asks for a level that needs approval, mail me</legend>
        <RadioOptions
          name="level-request-mail"
          choices={LEVEL_REQUEST_MAIL_CHOICES}
          value={current}
          onChange={(choice) => {
            setSaved(false);
            change.mutate({ levelRequests: choice });
          }}
          label={(choice) => (
            <span>
              <strong>{CHOICES[choice].label}</strong>
              <br />
              <span className="muted">{CHOICES[choice].detail}</span>
            </span>
          )}
        />
      </fieldset>
      <DoneNotice message={saved ? 'Saved.' : null} />
    </section>
  );
}

import { ACCESS_TABLE, type Level, type PublicUser } from '@rolegate/core';
import { useState } from 'react';
import { useApprovalRequiredLevels } from '../access/approval-levels';
import { requestableOptions } from '../access/level-options';
import { LevelChoice } from '../auth/level-choice';
import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { TextField } from '../forms/text-field';
import { useForm } from '../forms/use-form';
import { trpc } from '../trpc';
import { DoneNotice } from '../ui/done-notice';
import { formatDateTime } from '../ui/format';

const FIELDS = ['role', 'reason'] as const;
const BUTTON = { label: 'Ask for this level', busyLabel: 'Sending…' };

/** "Editor or Power": the levels this form offers, as the person reads them. */
function offered(options: ReturnType<typeof requestableOptions>): string {
  const labels = options.map((option) => option.label);
  return labels.length > 1
    ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`
    : (labels[0] ?? '');
}

/** The person's level in words, and a way to ask for a higher one later. */
export function LevelPanel({ user, open = false }: { user: PublicUser; open?: boolean }) {
  const policy = ACCESS_TABLE[user.role];
  const options = requestableOptions(user, useApprovalRequiredLevels());
  const [done, setDone] = useState<string | null>(null);

  return (
    <section className="panel" aria-labelledby="level-heading">
      <h2 id="level-heading" tabIndex={-1}>
        Your level: <span className="badge">{policy.label}</span>
        {user.isAdmin ? <span className="badge badge-admin">Admin</span> : null}
      </h2>
      {user.levelExpiresAt ? (
        <p className="level-until">
          Until {formatDateTime(user.levelExpiresAt)}: then you return to the level you had before.
        </p>
      ) : null}
      <p>{policy.summary}</p>
      <DoneNotice message={done} />
      {options.length > 0 ? (
        <details className="disclosure" open={open}>
          <summary>Ask for a higher level</summary>
          <RequestLevelForm options={options} onDone={setDone} />
        </details>
      ) : null}
    </section>
  );
}

function RequestLevelForm({
  options,
  onDone,
}: {
  options: ReturnType<typeof requestableOptions>;
  onDone: (message: string) => void;
}) {
  const form = useForm(FIELDS);
  const [role, setRole] = useState<Level | null>(null);
  useSchemasSoon();
  const utils = trpc.useUtils();
  const request = trpc.account.requestLevel.useMutation({
    onSuccess: ({ user }, input) => {
      utils.auth.me.setData(undefined, { user });
      const label = ACCESS_TABLE[input.role].label;
      onDone(
        user.pending
          ? `Your request for ${label} was sent to the admins.`
          : `You now have ${label} access.`,
      );
    },
    onError: (error) => form.show(errorsFromServer(error, FIELDS)),
  });

  function submit(data: FormData) {
    const reason = String(data.get('reason') ?? '').trim();
    // The schema names every level; this form offers only the ones above the person's.
    if (role === null) {
      form.show({ fields: { role: [`Choose ${offered(options)}.`] }, form: null });
      return;
    }
    return form.sendChecked(
      (schemas) => schemas.requestLevelInput.safeParse({ role, ...(reason ? { reason } : {}) }),
      request.mutate,
    );
  }

  return (
    <FormFrame form={form} busy={request.isPending} onSubmit={submit} button={BUTTON}>
      <LevelChoice legend="Level you need" options={options} value={role} onChange={setRole} />
      <TextField
        multiline
        label="Why do you need it? (optional)"
        name="reason"
        rows={3}
        hint="Sent to the admins with a request that needs approval."
      />
    </FormFrame>
  );
}

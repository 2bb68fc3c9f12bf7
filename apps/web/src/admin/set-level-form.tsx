import type { Level, PublicUser } from '@rolegate/core';
import { useState } from 'react';
import { levelLabel, signUpOptions } from '../access/level-options';
import { LevelChoice } from '../auth/level-choice';
import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { TextField } from '../forms/text-field';
import { useForm } from '../forms/use-form';
import { trpc } from '../trpc';
import { formatDateTime } from '../ui/format';
import { GrantLengthField, MISSING_DATE, useGrantLength } from './grant-length';

const FIELDS = ['role', 'reason', 'expiresAt'] as const;
const BUTTON = { label: 'Set level', busyLabel: 'Saving…' };
/** Every level: an admin may set any, up or down (approval is for people asking). */
const OPTIONS = signUpOptions([]);

/** An admin sets a person's level, for good or for a while, with a reason mailed to them. */
export function SetLevelForm({
  user,
  onDone,
}: {
  user: PublicUser;
  onDone: (message: string) => void;
}) {
  const form = useForm(FIELDS);
  const [role, setRole] = useState<Level | null>(null);
  const grant = useGrantLength();
  useSchemasSoon();
  const utils = trpc.useUtils();
  const setLevel = trpc.admin.setLevel.useMutation({
    onSuccess: async ({ user: changed }) => {
      await Promise.all([utils.admin.user.invalidate(), utils.admin.users.invalidate()]);
      const until = changed.levelExpiresAt
        ? ` until ${formatDateTime(changed.levelExpiresAt)}`
        : '';
      onDone(
        `${changed.name} now has ${levelLabel(changed.role)} access${until} and is being emailed.`,
      );
    },
    onError: (error) => form.show(errorsFromServer(error, FIELDS)),
  });

  function submit(data: FormData) {
    const reason = String(data.get('reason') ?? '').trim();
    const expiresAt = grant.expiresAt();
    if (role === null || expiresAt === null) {
      form.show({
        fields: {
          ...(role === null ? { role: ['Choose the level to set.'] } : {}),
          ...(expiresAt === null ? { expiresAt: [MISSING_DATE] } : {}),
        },
        form: null,
      });
      return;
    }
    return form.sendChecked(
      (schemas) =>
        schemas.setLevelInput.safeParse({
          userId: user.id,
          role,
          ...(reason ? { reason } : {}),
          ...(expiresAt ? { expiresAt } : {}),
        }),
      setLevel.mutate,
    );
  }

  return (
    <FormFrame form={form} busy={setLevel.isPending} onSubmit={submit} button={BUTTON}>
      <LevelChoice legend="New level" options={OPTIONS} value={role} onChange={setRole} />
      <GrantLengthField grant={grant} />
      <TextField
        multiline
        label="Reason (optional)"
        name="reason"
        rows={3}
        hint={`Included in the email that tells ${user.name}.`}
      />
    </FormFrame>
  );
}

import type { Level } from '@rolegate/core';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useApprovalRequiredLevels } from '../access/approval-levels';
import { signUpOptions } from '../access/level-options';
import { errorsFromServer } from '../forms/form-errors';
import { FormFrame } from '../forms/form-frame';
import { useSchemasSoon } from '../forms/load-schemas';
import { PasswordField, TextField } from '../forms/text-field';
import { formText, useForm } from '../forms/use-form';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';
import { LevelChoice } from './level-choice';

const FIELDS = ['name', 'email', 'password', 'role', 'reason'] as const;
const BUTTON = { label: 'Create account', busyLabel: 'Creating account…' };

export function SignUpPage() {
  const form = useForm(FIELDS);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  const [role, setRole] = useState<Level | null>(null);
  const options = signUpOptions(useApprovalRequiredLevels());
  const register = trpc.auth.register.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      navigate('/');
    },
    onError: (error) => form.show(errorsFromServer(error, FIELDS, { conflictField: 'email' })),
  });
  useSchemasSoon();
  const needsReason = options.find((option) => option.level === role)?.approval != null;

  function submit(data: FormData) {
    const reason = String(data.get('reason') ?? '').trim();
    return form.sendChecked(
      (schemas) =>
        schemas.registerInput.safeParse({
          ...formText(data, ['name', 'email', 'password']),
          role: role ?? undefined,
          ...(needsReason && reason ? { reason } : {}),
        }),
      register.mutate,
    );
  }

  return (
    <section className="narrow">
      <PageHeading title="Create your account" />
      <FormFrame form={form} busy={register.isPending} onSubmit={submit} button={BUTTON}>
        <TextField label="Name" name="name" autoComplete="name" />
        <TextField label="Email" name="email" type="email" autoComplete="email" />
        <PasswordField label="Password" name="password" fresh hint="At least 10 characters." />
        <LevelChoice legend="Access level" options={options} value={role} onChange={setRole} />
        {needsReason ? (
          <TextField
            multiline
            label="Why do you need this level? (optional)"
            name="reason"
            rows={3}
            hint="The admins read this when they decide."
          />
        ) : null}
      </FormFrame>
      <p className="aside">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}

import type { Level } from '@rolegate/core';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useApprovalRequiredLevels } from '../access/approval-levels';
import { signUpOptions } from '../access/level-options';
import { errorsFromIssues, errorsFromServer } from '../forms/form-errors';
import { schemasOrReport, useSchemasSoon } from '../forms/load-schemas';
import { FormAlert, TextField } from '../forms/text-field';
import { useFormErrors } from '../forms/use-form-errors';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { PageHeading } from '../ui/page-heading';
import { LevelChoice } from './level-choice';

const FIELDS = ['name', 'email', 'password', 'role', 'reason'] as const;

export function SignUpPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, show, clear } = useFormErrors(formRef, FIELDS);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  const [role, setRole] = useState<Level | null>(null);
  const options = signUpOptions(useApprovalRequiredLevels());
  const register = trpc.auth.register.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      navigate('/');
    },
    onError: (error) => show(errorsFromServer(error, FIELDS, { conflictField: 'email' })),
  });
  useSchemasSoon();
  const needsReason = options.find((option) => option.level === role)?.approval != null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (register.isPending) return;
    const data = new FormData(event.currentTarget);
    const reason = String(data.get('reason') ?? '').trim();
    const schemas = await schemasOrReport(show);
    if (!schemas) return;
    const parsed = schemas.registerInput.safeParse({
      name: String(data.get('name') ?? ''),
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
      role: role ?? undefined,
      ...(needsReason && reason ? { reason } : {}),
    });
    if (!parsed.success) {
      show(errorsFromIssues(parsed.error.issues, FIELDS));
      return;
    }
    clear();
    register.mutate(parsed.data);
  }

  return (
    <section className="narrow">
      <PageHeading title="Create your account" />
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField label="Name" name="name" autoComplete="name" errors={errors.fields.name} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          errors={errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          errors={errors.fields.password}
        />
        <LevelChoice
          legend="Access level"
          name="role"
          options={options}
          value={role}
          onChange={setRole}
          errors={errors.fields.role}
        />
        {needsReason ? (
          <TextField
            multiline
            label="Why do you need this level? (optional)"
            name="reason"
            rows={3}
            hint="The admins read this when they decide."
            errors={errors.fields.reason}
          />
        ) : null}
        <BusyButton type="submit" busy={register.isPending} busyLabel="Creating account…">
          Create account
        </BusyButton>
      </form>
      <p className="aside">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}

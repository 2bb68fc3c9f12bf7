import { GRANT_LENGTH_DAYS } from '@rolegate/core';
import { useContext, useId, useState } from 'react';
import { FieldError } from '../forms/field-error';
import { FieldErrorsContext } from '../forms/text-field';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 'permanent', a number of days ('7', '30', '90'), or 'date' (a last day of one's own). */
export type GrantLength = 'permanent' | `${(typeof GRANT_LENGTH_DAYS)[number]}` | 'date';

const CHOICES: readonly { value: GrantLength; label: string }[] = [
  { value: 'permanent', label: 'For good' },
  ...GRANT_LENGTH_DAYS.map((days) => ({
    value: `${days}` as GrantLength,
    label: `For ${days} days`,
  })),
  { value: 'date', label: 'Until a date…' },
];

export const MISSING_DATE = 'Choose the last day of the level, or another length.';

/**
 * When the chosen length ends, as the API takes it: undefined for good, an ISO moment otherwise
 * (a date of one's own: the end of that day, where the admin is), or null when the date is missing.
 */
export function grantExpiresAt(
  length: GrantLength,
  date: string,
  now: Date = new Date(),
): string | undefined | null {
  if (length === 'permanent') return undefined;
  if (length === 'date') {
    const end = new Date(`${date}T23:59:59`);
    return date === '' || Number.isNaN(end.getTime()) ? null : end.toISOString();
  }
  return new Date(now.getTime() + Number(length) * DAY_MS).toISOString();
}

/** The length of a grant and, for "until a date", the date; its state, for the form that sends it. */
export function useGrantLength() {
  const [length, setLength] = useState<GrantLength>('permanent');
  const [date, setDate] = useState('');
  return { length, setLength, date, setDate, expiresAt: () => grantExpiresAt(length, date) };
}

/**
 * A select of lengths, and a date field when "until a date" is chosen. The date field is named
 * `expiresAt`, so the server's message about it lands there.
 */
export function GrantLengthField({
  grant,
  label = 'How long',
}: {
  grant: ReturnType<typeof useGrantLength>;
  label?: string;
}) {
  const id = useId();
  const errors = useContext(FieldErrorsContext).expiresAt;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
  return (
    <div className={`field grant-length${errorId ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-length`}>{label}</label>
      <select
        id={`${id}-length`}
        name="grantLength"
        value={grant.length}
        onChange={(event) => grant.setLength(event.target.value as GrantLength)}
      >
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {grant.length === 'date' ? (
        <>
          <label htmlFor={`${id}-date`}>Last day</label>
          <input
            id={`${id}-date`}
            type="date"
            name="expiresAt"
            min={tomorrow}
            value={grant.date}
            onChange={(event) => grant.setDate(event.target.value)}
            aria-invalid={errorId ? true : undefined}
            aria-describedby={errorId}
          />
        </>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

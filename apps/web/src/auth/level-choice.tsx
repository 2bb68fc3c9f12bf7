import type { Level } from '@rolegate/core';
import { useContext, useId } from 'react';
import type { LevelOption } from '../access/level-options';
import { FieldError } from '../forms/field-error';
import { FieldErrorsContext } from '../forms/text-field';

interface LevelChoiceProps {
  legend: string;
  /** The field's name in the form; 'role', as the procedures call it. */
  name?: string;
  options: readonly LevelOption[];
  value: Level | null;
  onChange: (level: Level) => void;
  /** By default the form's errors for `name` (see FormFrame). */
  errors?: string[] | undefined;
}

/**
 * The levels as one radio group, each with its line from the access table. Choosing a level that
 * needs approval explains, in a live region, what happens next.
 */
export function LevelChoice(props: LevelChoiceProps) {
  const fromForm = useContext(FieldErrorsContext);
  const { legend, name = 'role', options, value, onChange, errors = fromForm[name] } = props;
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  const chosen = options.find((option) => option.level === value);

  return (
    <fieldset className={`field level-choice${errorId ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      <FieldError id={errorId} errors={errors} />
      <div className="level-options">
        {options.map((option) => {
          const optionId = `${id}-${option.level}`;
          return (
            <div className="level-option" key={option.level}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.level}
                checked={value === option.level}
                onChange={() => onChange(option.level)}
                // Named by the level alone and described by its summary, though the whole label is
                // the click target: a screen reader says "Power, radio button", then what it allows.
                aria-labelledby={`${optionId}-name`}
                aria-describedby={[`${optionId}-summary`, errorId].filter(Boolean).join(' ')}
                aria-invalid={errorId ? true : undefined}
              />
              <label htmlFor={optionId}>
                <span className="level-name" id={`${optionId}-name`}>
                  {option.label}
                </span>
                <span className="level-summary" id={`${optionId}-summary`}>
                  {option.summary}
                  {option.approval ? ' Needs an admin’s approval.' : ''}
                </span>
              </label>
            </div>
          );
        })}
      </div>
      <div aria-live="polite">
        {chosen?.approval ? (
          <p className="notice notice-info approval-note">
            An admin must approve {chosen.label}. Until then you start as{' '}
            {chosen.approval.startsAsLabel}, and we email you the decision.
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

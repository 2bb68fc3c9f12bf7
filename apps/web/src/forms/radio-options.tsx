import type { ReactNode } from 'react';

/**
 * A group of radio buttons, one a choice, each in its own bordered row (the sign-up page's look).
 * The caller supplies the fieldset and legend around it, so the group has its question.
 */
export function RadioOptions<Choice extends string>(props: {
  name: string;
  choices: readonly Choice[];
  value: Choice | undefined;
  onChange: (choice: Choice) => void;
  label: (choice: Choice) => ReactNode;
}) {
  return (
    <div className="level-options">
      {props.choices.map((choice) => (
        <label key={choice} className="level-option">
          <input
            type="radio"
            name={props.name}
            value={choice}
            checked={props.value === choice}
            onChange={() => props.onChange(choice)}
          />
          {props.label(choice)}
        </label>
      ))}
    </div>
  );
}

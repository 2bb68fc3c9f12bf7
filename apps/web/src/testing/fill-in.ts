import { fireEvent, screen } from '@testing-library/react';

/** Types `value` into the field labelled `label`, as one change, the way a person's typing ends. */
export function fillIn(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** Fills in the change-of-address form (with the password `my password`) and sends it. */
export function askToChangeEmailTo(newEmail: string): void {
  fillIn('New email address', newEmail);
  fillIn('Your password', 'my password');
  fireEvent.click(screen.getByRole('button', { name: 'Send a link to the new address' }));
}

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';

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

/** After a refused submit: the field labelled `label` has the focus, is marked invalid, and says `message`. */
export async function expectFieldRefused(label: string, message: string | RegExp): Promise<void> {
  const field = screen.getByLabelText(label);
  await waitFor(() => expect(document.activeElement).toBe(field));
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(screen.getByText(message)).toBeTruthy();
}

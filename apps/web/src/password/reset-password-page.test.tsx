import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectFieldRefused, fillIn } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { PASSWORDS_DIFFER, ResetPasswordPage } from './reset-password-page';

const LINK = '/reset-password?token=tok_456';
const NEW_PASSWORD = 'a brand new password';

function fill(first: string, second: string) {
  fillIn('New password', first);
  fillIn('New password again', second);
  fireEvent.click(screen.getByRole('button', { name: 'Save the new password and sign in' }));
}

describe('ResetPasswordPage', () => {
  it('sets the password with the token from the link and goes on to the dashboard signed in', async () => {
    const { calls, history, queryClient } = renderWithApi(
      <ResetPasswordPage />,
      { 'auth.resetPassword': () => ({ user: testUser() }) },
      LINK,
    );
    fill(NEW_PASSWORD, NEW_PASSWORD);
    await waitFor(() => expect(history.at(-1)).toBe('/'));
    expect(calls).toEqual([
      { path: 'auth.resetPassword', input: { token: 'tok_456', password: NEW_PASSWORD } },
    ]);
    const me = queryClient.getQueriesData({ queryKey: [['auth', 'me']] });
    expect(me[0]?.[1]).toEqual({ user: testUser() });
  });

  it('says at the second field when the two passwords differ, without calling the server', async () => {
    const { calls } = renderWithApi(<ResetPasswordPage />, {}, LINK);
    fill(NEW_PASSWORD, 'a brand new pasword');
    await expectFieldRefused('New password again', PASSWORDS_DIFFER);
    expect(calls).toEqual([]);
  });

  it("shows the server's message for a dead link and a way to ask for a new one", async () => {
    renderWithApi(
      <ResetPasswordPage />,
      {
        'auth.resetPassword': () => {
          throw apiError('BAD_REQUEST', 'This link has expired or was already used');
        },
      },
      LINK,
    );
    fill(NEW_PASSWORD, NEW_PASSWORD);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This link has expired or was already used',
    );
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it("shows the server's password rule at the password field", async () => {
    renderWithApi(
      <ResetPasswordPage />,
      {
        'auth.resetPassword': () => {
          throw apiError('BAD_REQUEST', 'Invalid input', {
            password: ['Choose a password that is not your email address.'],
          });
        },
      },
      LINK,
    );
    fill(NEW_PASSWORD, NEW_PASSWORD);
    await screen.findByText('Choose a password that is not your email address.');
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
  });
});

import type { PublicUser } from '@rolegate/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { VerifyEmailPage } from './verify-email-page';

const LINK = '/verify-email?token=tok_123';
const EXPIRED = 'This link has expired or was already used';

function renderPage(
  user: PublicUser | null,
  handlers: Record<string, (input: unknown) => unknown>,
) {
  return renderWithApi(<VerifyEmailPage user={user} />, handlers, LINK);
}

describe('VerifyEmailPage', () => {
  it('changes nothing until the person confirms, then sends the token once', async () => {
    const unverified = testUser('editor', { emailVerified: false });
    const { calls, history } = renderPage(unverified, {
      'auth.verifyEmail': () => ({ user: { ...unverified, emailVerified: true } }),
    });
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm my email address' }));
    await waitFor(() => expect(history.at(-1)).toBe('/'));
    expect(calls).toEqual([{ path: 'auth.verifyEmail', input: { token: 'tok_123' } }]);
  });

  it('says the address is confirmed and offers to sign in when opened signed out', async () => {
    renderPage(null, { 'auth.verifyEmail': () => ({ user: testUser() }) });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm my email address' }));
    await screen.findByRole('heading', { name: 'Address confirmed' });
    expect(screen.getByRole('link', { name: 'Sign in to continue' })).toBeTruthy();
  });

  it("shows the server's one message for a dead link and offers a new link", async () => {
    renderPage(testUser('editor', { emailVerified: false }), {
      'auth.verifyEmail': () => {
        throw apiError('BAD_REQUEST', EXPIRED);
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm my email address' }));
    expect((await screen.findByRole('alert')).textContent).toBe(EXPIRED);
    expect(screen.getByRole('button', { name: 'Send the link again' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Confirm my email address' })).toBeNull();
  });

  it('sends a signed-out person with a dead link to sign in for a new one', async () => {
    renderPage(null, {
      'auth.verifyEmail': () => {
        throw apiError('BAD_REQUEST', EXPIRED);
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm my email address' }));
    await screen.findByText(EXPIRED);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in');
  });
});

import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillIn } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { ForgotPasswordPage } from './forgot-password-page';

function ask(email: string) {
  fillIn('Email', email);
  fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
}

describe('ForgotPasswordPage', () => {
  it('answers the same way whether or not an account exists', async () => {
    const { calls } = renderWithApi(<ForgotPasswordPage />, {
      'auth.requestPasswordReset': () => ({ ok: true }),
    });
    ask('someone@example.com');
    const answer = await screen.findByText(/If an account exists for/);
    expect(answer.textContent).toContain('someone@example.com');
    expect(calls).toEqual([
      { path: 'auth.requestPasswordReset', input: { email: 'someone@example.com' } },
    ]);
  });

  it('checks the address in the browser first', async () => {
    const { calls } = renderWithApi(<ForgotPasswordPage />, {});
    ask('not an address');
    await screen.findByText(/Enter a valid email address/);
    expect(calls).toEqual([]);
  });

  it("shows the server's rate limit with its retry time", async () => {
    renderWithApi(<ForgotPasswordPage />, {
      'auth.requestPasswordReset': () => {
        throw apiError(
          'TOO_MANY_REQUESTS',
          'Too many account emails to this address. Try again in 12 minutes.',
        );
      },
    });
    ask('someone@example.com');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Try again in 12 minutes/);
  });
});

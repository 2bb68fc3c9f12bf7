import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askToChangeEmailTo } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { CheckInboxPage } from './check-inbox-page';

const unverified = testUser('editor', { emailVerified: false, email: 'ada@exmaple.com' });

function rateLimited(seconds: number) {
  const error = apiError(
    'TOO_MANY_REQUESTS',
    `Too many account emails to this address. Try again in ${seconds} seconds.`,
  );
  Object.assign(error.data as object, { retryAfterSeconds: seconds });
  return error;
}

describe('CheckInboxPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names the address the link went to', () => {
    renderWithApi(<CheckInboxPage user={unverified} />, {});
    expect(screen.getByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    expect(screen.getByText('ada@exmaple.com')).toBeTruthy();
  });

  it('says a level request waits for the confirmed address', () => {
    renderWithApi(
      <CheckInboxPage user={{ ...unverified, requestedRole: 'power', pending: true }} />,
      {},
    );
    expect(screen.getByText(/Your request for Power access goes to the admins once/)).toBeTruthy();
  });

  it('sends a new link, then counts down a minute before the next may be asked for', async () => {
    const { calls } = renderWithApi(<CheckInboxPage user={unverified} />, {
      'auth.resendVerification': () => ({ ok: true }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link again' }));
    await screen.findByText(/We sent a new link to ada@exmaple.com/);
    const button = screen.getByRole('button', { name: 'Send the link again in 1:00' });
    expect(button.getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(button);
    expect(calls.filter((call) => call.path === 'auth.resendVerification')).toHaveLength(1);

    await act(() => vi.advanceTimersByTimeAsync(15_000));
    expect(screen.getByRole('button', { name: 'Send the link again in 0:45' })).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(46_000));
    expect(
      screen.getByRole('button', { name: 'Send the link again' }).getAttribute('aria-disabled'),
    ).toBeNull();
  });

  it("waits as long as the server's rate limit says, and shows its words", async () => {
    renderWithApi(<CheckInboxPage user={unverified} />, {
      'auth.resendVerification': () => {
        throw rateLimited(300);
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link again' }));
    await screen.findByText(/Too many account emails to this address/);
    expect(screen.getByRole('button', { name: 'Send the link again in 5:00' })).toBeTruthy();
  });

  it('changes a mistyped address: the link goes to the new one', async () => {
    const { calls } = renderWithApi(<CheckInboxPage user={unverified} />, {
      'account.changeEmail': () => ({ ok: true }),
    });
    fireEvent.click(screen.getByText('Wrong address? Change it'));
    askToChangeEmailTo('ada@example.com');
    const notice = await screen.findByText(/Open it to confirm the new address/);
    expect(notice.textContent).toContain('ada@example.com');
    expect(calls).toContainEqual({
      path: 'account.changeEmail',
      input: { newEmail: 'ada@example.com', password: 'my password' },
    });
  });
});

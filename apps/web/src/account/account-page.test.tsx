import type { SessionView } from '@rolegate/core';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { askToChangeEmailTo, expectFieldRefused, fillIn } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { AccountPage } from './account-page';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

const here: SessionView = {
  id: '00000000-0000-4000-8000-0000000000a1',
  createdAt: '2026-12-01T08:00:00.000Z',
  lastSeenAt: '2026-12-04T08:00:00.000Z',
  userAgent: CHROME_LINUX,
  ip: '203.0.113.7',
  current: true,
};
const elsewhere: SessionView = {
  id: '00000000-0000-4000-8000-0000000000b2',
  createdAt: '2026-11-20T18:30:00.000Z',
  lastSeenAt: '2026-11-28T18:30:00.000Z',
  userAgent: FIREFOX_WINDOWS,
  ip: '198.51.100.4',
  current: false,
};

function renderAccount(handlers: Record<string, (input: unknown) => unknown> = {}) {
  // The server orders by last activity: this device may come second; the page lists it first.
  let sessions = [elsewhere, here];
  return renderWithApi(<AccountPage user={testUser('contributor')} />, {
    'account.sessions': () => ({ sessions }),
    'account.requests': () => ({ requests: [] }),
    'account.revokeSession': (input) => {
      sessions = sessions.filter((s) => s.id !== (input as { sessionId: string }).sessionId);
      return { ok: true };
    },
    'account.signOutEverywhere': () => {
      sessions = [here];
      return { ok: true };
    },
    ...handlers,
  });
}

describe('AccountPage sessions', () => {
  it('lists this device first, each by device and IP, and offers to end only the others', async () => {
    renderAccount();
    const list = await screen.findByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      'Chrome 131 on Linux',
      'Firefox 133 on Windows 10',
    ]);
    expect(within(items[0] as HTMLElement).getByText('This device')).toBeTruthy();
    expect(within(items[0] as HTMLElement).queryByRole('button')).toBeNull();
    expect(items[1]?.textContent).toContain('IP 198.51.100.4');
    expect(
      within(items[1] as HTMLElement)
        .getByRole('button')
        .getAttribute('aria-label'),
    ).toMatch(/^Sign out Firefox 133 on Windows 10, signed in /);
  });

  it('ends one session and says which, with focus on the list', async () => {
    const { calls } = renderAccount();
    fireEvent.click(await screen.findByRole('button', { name: /^Sign out Firefox/ }));
    await screen.findByText(/^Signed out: Firefox 133 on Windows 10/);
    expect(calls).toContainEqual({
      path: 'account.revokeSession',
      input: { sessionId: elsewhere.id },
    });
    expect(document.activeElement?.textContent).toBe('Where you are signed in');
    await waitFor(() => expect(screen.queryByText('Firefox 133 on Windows 10')).toBeNull());
  });

  it('signs out everywhere else, then says only this device is left', async () => {
    const { calls } = renderAccount();
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere else' }));
    await screen.findByText('You are signed out everywhere but on this device.');
    expect(calls.some((call) => call.path === 'account.signOutEverywhere')).toBe(true);
    await screen.findByText('You are signed in on this device only.');
  });
});

describe('AccountPage password and address', () => {
  it("shows the server's word on a wrong current password at that field", async () => {
    renderAccount({
      'account.changePassword': () => {
        throw apiError('BAD_REQUEST', 'Invalid input', {
          currentPassword: ['Your current password is not this one.'],
        });
      },
    });
    fillIn('Current password', 'guess');
    fillIn('New password', 'a much better password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await expectFieldRefused('Current password', 'Your current password is not this one.');
  });

  it('checks a short new password in the browser without calling the server', async () => {
    const { calls } = renderAccount();
    fillIn('Current password', 'old one');
    fillIn('New password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText(/Use at least 10 characters/);
    expect(calls.some((call) => call.path === 'account.changePassword')).toBe(false);
  });

  it('says a link went to the new address and that the old one keeps working until then', async () => {
    const { calls } = renderAccount({ 'account.changeEmail': () => ({ ok: true }) });
    askToChangeEmailTo('ada@new.example');
    const notice = await screen.findByText(/Your address changes once you open it/);
    expect(notice.textContent).toContain('ada@new.example');
    expect(notice.textContent).toContain('ada@example.com, which we told about the change');
    expect(calls).toContainEqual({
      path: 'account.changeEmail',
      input: { newEmail: 'ada@new.example', password: 'my password' },
    });
  });

  it('shows a taken address at the new address field', async () => {
    renderAccount({
      'account.changeEmail': () => {
        throw apiError('CONFLICT', 'An account with this email already exists.');
      },
    });
    askToChangeEmailTo('taken@example.com');
    await expectFieldRefused('New email address', 'An account with this email already exists.');
  });
});

describe('AccountPage level', () => {
  it('offers only higher levels to ask for', () => {
    renderAccount();
    const group = screen.getByRole('group', { name: 'Level you need' });
    const levels = within(group)
      .getAllByRole('radio')
      .map((radio) => (radio as HTMLInputElement).value);
    expect(levels).toEqual(['editor', 'power']);
  });

  it('asks for a choice among the levels it offers, not every level there is', async () => {
    renderAccount();
    fireEvent.click(screen.getByRole('button', { name: 'Ask for this level' }));
    expect(await screen.findByText('Choose Editor or Power.')).toBeTruthy();
  });

  it('offers no request form while a request waits', () => {
    renderWithApi(
      <AccountPage user={testUser('editor', { requestedRole: 'power', pending: true })} />,
      { 'account.sessions': () => ({ sessions: [here] }) },
    );
    expect(screen.queryByText('Ask for a higher level')).toBeNull();
  });
});

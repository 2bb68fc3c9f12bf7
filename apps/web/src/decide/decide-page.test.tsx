import type { DecisionLinkView } from '@rolegate/core';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, type Handlers, renderWithApi } from '../testing/render-with-api';
import { testLevelRequest } from '../testing/requests';
import { testUser } from '../testing/users';
import { DecidePage } from './decide-page';

const TOKEN = 'A'.repeat(43);
const EXPIRED = 'This link has expired or was already used (the token in it is no longer valid)';

function view(overrides: Partial<DecisionLinkView['request']> = {}): DecisionLinkView {
  return {
    request: testLevelRequest(1, {
      id: '6f1c9a52-3d8e-4a51-9b7e-1b2c3d4e5f60',
      user: testUser('editor', { name: 'Ada Lovelace', email: 'ada@example.com', pending: true }),
      reason: 'I keep the <b>glossary</b>.',
      ...overrides,
    }),
    admin: { name: 'Grace Admin', email: 'grace@example.com' },
    expiresAt: '2026-12-07T10:00:00.000Z',
  };
}

function renderPage(handlers: Handlers, search = '?decision=approve') {
  return renderWithApi(<DecidePage token={TOKEN} />, handlers, `/decide/${TOKEN}${search}`);
}

describe('DecidePage', () => {
  it('shows the request and decides nothing until the confirm button is pressed', async () => {
    const { calls } = renderPage({
      'admin.decisionLink': () => view(),
      'admin.decideByLink': () => ({ request: view().request, user: testUser('power') }),
    });
    await screen.findByRole('heading', { name: 'Ada Lovelace asks for Power' });
    expect(screen.getByText('I keep the <b>glossary</b>.')).toBeTruthy();
    expect(screen.getByText(/You decide as Grace Admin/)).toBeTruthy();
    expect(calls.map((call) => call.path)).toEqual(['admin.decisionLink']);

    fireEvent.click(screen.getByRole('button', { name: 'Confirm: approve Power' }));
    await screen.findByText('Approved: Ada Lovelace now has Power access and is being emailed.');
    expect(calls.at(-1)).toEqual({
      path: 'admin.decideByLink',
      input: { token: TOKEN, decision: 'approve' },
    });
  });

  it('opens on deny from the deny link, and sends the reason given', async () => {
    const { calls } = renderPage(
      {
        'admin.decisionLink': () => view(),
        'admin.decideByLink': () => ({ request: view().request, user: testUser('editor') }),
      },
      '?decision=deny',
    );
    const reason = await screen.findByLabelText('Reason for Ada Lovelace (optional)');
    fireEvent.change(reason, { target: { value: '  Ask your team lead.  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: deny Power' }));
    await screen.findByText(/Denied: Ada Lovelace keeps Editor access/);
    expect(calls.at(-1)?.input).toEqual({
      token: TOKEN,
      decision: 'deny',
      reason: 'Ask your team lead.',
    });
  });

  it('says who decided a request that no longer waits, with no buttons', async () => {
    renderPage({
      'admin.decisionLink': () =>
        view({
          status: 'approved',
          decidedAt: '2026-12-04T11:00:00.000Z',
          decidedBy: { id: 'x', name: 'Alan Admin', email: 'alan@example.com' },
        }),
    });
    await screen.findByText(/This request was already approved by Alan Admin/);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it("shows the server's one message for a dead link and the way to the panel", async () => {
    renderPage({
      'admin.decisionLink': () => {
        throw apiError('BAD_REQUEST', EXPIRED, { token: [EXPIRED] });
      },
    });
    expect((await screen.findByRole('alert')).textContent).toBe(EXPIRED);
    expect(screen.getByRole('link', { name: 'Open the admin panel' })).toBeTruthy();
  });
});

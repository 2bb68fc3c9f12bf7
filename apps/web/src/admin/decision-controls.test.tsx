import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillIn } from '../testing/fill-in';
import { renderWithApi } from '../testing/render-with-api';
import { testLevelRequest } from '../testing/requests';
import { testUser } from '../testing/users';
import { DecisionControls } from './decision-controls';

const DAY_MS = 24 * 60 * 60 * 1000;
const request = testLevelRequest(1, {
  user: testUser('editor', { name: 'Ada', pending: true, requestedRole: 'power' }),
});

function renderControls() {
  const decided: string[] = [];
  const view = renderWithApi(
    <DecisionControls request={request} onDecided={(message) => decided.push(message)} />,
    {
      'admin.approve': (input) => {
        const { expiresAt } = input as { expiresAt?: string };
        return {
          request,
          user: { ...request.user, role: 'power', levelExpiresAt: expiresAt ?? null },
        };
      },
      'admin.requests': () => ({ requests: [], nextCursor: null }),
      'admin.users': () => ({ users: [], nextCursor: null }),
      'admin.mail': () => ({ messages: [] }),
    },
  );
  return { ...view, decided };
}

describe('approving for a while', () => {
  it('approves for good by default, with no expiresAt', async () => {
    const { calls } = renderControls();
    fireEvent.click(screen.getByRole('button', { name: 'Approve Power for Ada' }));
    await expect.poll(() => calls.some((call) => call.path === 'admin.approve')).toBe(true);
    expect(calls.find((call) => call.path === 'admin.approve')?.input).toEqual({
      requestId: request.id,
    });
  });

  it('sends expiresAt seven days ahead when "For 7 days" is chosen', async () => {
    const { calls, decided } = renderControls();
    fillIn('Grant Power for', '7');
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Approve Power for Ada' }));
    await screen.findByRole('button', { name: 'Approve Power for Ada' });
    await expect.poll(() => decided.length).toBe(1);
    const sent = calls.find((call) => call.path === 'admin.approve')?.input;
    const { expiresAt } = sent as { expiresAt: string };
    expect(new Date(expiresAt).getTime() - before).toBeGreaterThanOrEqual(7 * DAY_MS - 1000);
    expect(decided[0]).toMatch(
      /^Approved: Ada now has Power access until .* and is being emailed\.$/,
    );
  });

  it('asks for the last day before approving "until a date" without one', () => {
    const { calls } = renderControls();
    fillIn('Grant Power for', 'date');
    fireEvent.click(screen.getByRole('button', { name: 'Approve Power for Ada' }));
    expect(screen.getByText('Choose the last day of the level, or another length.')).toBeTruthy();
    expect(calls.some((call) => call.path === 'admin.approve')).toBe(false);
  });
});

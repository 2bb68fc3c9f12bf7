import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LevelRequest } from '../admin/admin-types';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testLevelRequest } from '../testing/requests';
import { testUser } from '../testing/users';
import { LevelPanel } from './level-panel';
import { RequestHistorySection } from './request-history-section';

const request = (id: string, status: LevelRequest['status'], denyReason: string | null = null) =>
  testLevelRequest(1, {
    id,
    user: testUser('editor'),
    status,
    createdAt: '2026-12-01T10:00:00.000Z',
    decidedAt: status === 'pending' ? null : '2026-12-02T10:00:00.000Z',
    denyReason,
  });

describe('the account’s level requests', () => {
  it('shows the admin’s reason for a denial and each status in words', async () => {
    renderWithApi(<RequestHistorySection />, {
      'account.requests': () => ({
        requests: [
          request('r3', 'superseded'),
          request('r2', 'withdrawn'),
          request('r1', 'denied', 'Ask again after the training.'),
        ],
      }),
    });
    expect(
      await screen.findByText('The admin’s reason: Ask again after the training.'),
    ).toBeTruthy();
    expect(screen.getByText('Superseded')).toBeTruthy();
    expect(screen.getByText('Withdrawn')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Withdraw/ })).toBeNull();
  });

  it('withdraws a pending request, and shows the server’s refusal when it was decided meanwhile', async () => {
    let status: LevelRequest['status'] = 'pending';
    const { calls } = renderWithApi(<RequestHistorySection />, {
      'account.requests': () => ({ requests: [request('r1', status)] }),
      'auth.me': () => ({ user: testUser('editor') }),
      'account.withdrawRequest': () => {
        status = 'withdrawn';
        return { request: request('r1', 'withdrawn') };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw your request for Power' }));
    await screen.findByText('Withdrawn');
    expect(calls.filter((call) => call.path === 'account.withdrawRequest')).toEqual([
      { path: 'account.withdrawRequest', input: { requestId: 'r1' } },
    ]);

    renderWithApi(<RequestHistorySection />, {
      'account.requests': () => ({ requests: [request('r9', 'pending')] }),
      'account.withdrawRequest': () => {
        throw apiError('CONFLICT', 'This request is already approved; nothing was changed.');
      },
    });
    const buttons = await screen.findAllByRole('button', {
      name: 'Withdraw your request for Power',
    });
    fireEvent.click(buttons.at(-1) as HTMLElement);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/already approved/));
  });

  it('says until when a time-limited level lasts', () => {
    renderWithApi(
      <LevelPanel user={testUser('power', { levelExpiresAt: '2027-01-31T12:00:00.000Z' })} />,
      {},
    );
    expect(screen.getByText(/^Until .*2027.*the level you had before\.$/)).toBeTruthy();
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api';
import { testLevelRequest } from '../testing/requests';
import { testUser } from '../testing/users';
import { DashboardPage } from './dashboard-page';

const dana = testUser('editor', {
  id: '00000000-0000-4000-8000-000000000031',
  email: 'dana@example.com',
  name: 'Dana',
  createdAt: '2026-12-04T09:00:00.000Z',
});
const denied = testLevelRequest(1, {
  id: '00000000-0000-4000-9000-000000000031',
  user: dana,
  reason: 'I maintain the catalogue.',
  status: 'denied',
  decidedAt: '2026-12-04T14:50:55.070Z',
  denyReason: 'We need a reference from your team lead first.',
});

const api = {
  'account.requests': () => ({ requests: [denied] }),
  'entries.list': () => ({ entries: [], nextCursor: null }),
  'entries.proposals': () => ({ proposals: [], nextCursor: null }),
  'entries.myProposals': () => ({ proposals: [], nextCursor: null }),
  'entries.notificationSettings': () => ({ proposalOutcomes: true }),
};

describe('the latest decision on the dashboard', () => {
  it('shows a denial and its reason to someone who was not looking, until they dismiss it', async () => {
    window.localStorage.clear();
    const first = renderWithApi(
      <DashboardPage user={dana} decision={null} onDismiss={() => {}} />,
      api,
    );
    const notice = await screen.findByText(/^An admin did not approve your request for Power on /);
    expect(notice.textContent).toContain('You keep Editor access.');
    expect(notice.textContent).not.toMatch(/email/i);
    expect(screen.getByText('We need a reference from your team lead first.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText(/did not approve your request/)).toBeNull());
    first.unmount();

    // Dismissed stays dismissed on the next visit.
    renderWithApi(<DashboardPage user={dana} decision={null} onDismiss={() => {}} />, api);
    await screen.findByRole('heading', { name: 'Your proposals' });
    expect(screen.queryByText(/did not approve your request/)).toBeNull();
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testLevelRequest } from '../testing/requests';
import { RequestsPage } from './requests-page';

/** An admin panel whose queue holds requests 1..count; approve decides one, or answers CONFLICT. */
function renderQueue(count: number, conflict = false) {
  let queue = Array.from({ length: count }, (_, i) => testLevelRequest(i + 1));
  return renderWithApi(<RequestsPage />, {
    'admin.requests': () => ({ requests: queue, nextCursor: null }),
    'admin.users': () => ({ users: [], nextCursor: null }),
    'admin.mail': () => ({ messages: [], nextCursor: null }),
    'admin.approve': (input) => {
      const { requestId } = input as { requestId: string };
      queue = queue.filter((each) => each.id !== requestId);
      if (conflict) {
        throw apiError(
          'CONFLICT',
          'This request was already approved by Ada Admin at 2026-12-04T14:50:55.070Z; nothing was changed.',
        );
      }
      return { request: testLevelRequest(1), user: testLevelRequest(1).user };
    },
  });
}

describe('the requests queue, by keyboard', () => {
  it('after Approve, focus goes to the next request, then to the heading when none is left', async () => {
    renderQueue(2);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve Power for Person 1' }));
    await waitFor(() =>
      expect(document.activeElement?.id).toBe('request-00000000-0000-4000-9000-000000000002'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Approve Power for Person 2' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('requests-heading'));
  });

  it('Escape closes the deny form and returns to its button', async () => {
    renderQueue(1);
    const deny = await screen.findByRole('button', { name: 'Deny Power for Person 1' });
    fireEvent.click(deny);
    const reason = await screen.findByLabelText(/Reason for Person 1/);
    fireEvent.keyDown(reason, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByLabelText(/Reason for Person 1/)).toBeNull());
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Deny Power for Person 1' }),
    );
  });

  it('says who decided first, and when, in words, when another admin was quicker', async () => {
    renderQueue(1, true);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve Power for Person 1' }));
    const notice = await screen.findByText(/^Another admin decided first\./);
    expect(notice.textContent).toContain('already approved by Ada Admin at ');
    expect(notice.textContent).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });
});

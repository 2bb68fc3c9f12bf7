import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api';
import type { QueuedProposal } from './entry-types';
import { ProposalsSection } from './proposals-section';

const grace = { id: '00000000-0000-4000-8000-000000000002', name: 'Grace' };
const reviewer = '00000000-0000-4000-8000-000000000001';
const entryId = '00000000-0000-4000-8000-000000000010';
const CONFLICT_MESSAGE =
  'The entry changed since you opened it (last changed by Ada on Thursday, 26 November 2026 at 11:00:00 UTC, now version 2); nothing was changed. Compare the edit with the entry as it is now, then reject it and ask for the edit again on the current text.';

function editOf(current: { version: number; body: string }): QueuedProposal {
  return {
    id: '00000000-0000-4000-8000-000000000020',
    entryId,
    baseVersion: 1,
    title: 'Opening hours',
    body: 'Ten to four.',
    status: 'pending',
    createdAt: '2026-11-26T10:30:00.000Z',
    proposedBy: grace,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    current: {
      id: entryId,
      title: 'Opening hours',
      createdAt: '2026-11-26T10:00:00.000Z',
      updatedAt: '2026-11-26T11:00:00.000Z',
      createdBy: grace,
      updatedBy: grace,
      ...current,
    },
  };
}

describe('ProposalCard', () => {
  it('shows the CONFLICT when the entry changed after the edit was proposed', async () => {
    // The queue was loaded before the entry changed: nothing warns yet, the server refuses.
    let proposal = editOf({ version: 1, body: 'Nine to five.' });
    const { calls } = renderWithApi(<ProposalsSection userId={reviewer} />, {
      'entries.proposals': () => ({ proposals: [proposal] }),
      'entries.list': () => ({ entries: [], nextCursor: null, previousCursor: null }),
      'entries.review': () => {
        proposal = editOf({ version: 2, body: 'Eight to four.' });
        throw apiError('CONFLICT', CONFLICT_MESSAGE);
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Accept Opening hours' }));

    expect((await screen.findByRole('alert')).textContent).toBe(CONFLICT_MESSAGE);
    // The queue is fetched again: the entry as it is now, and the warning beside it.
    await screen.findByText('Eight to four.');
    expect(screen.getByText(/The entry changed after this edit was proposed, so/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(CONFLICT_MESSAGE);
    expect(calls.filter((call) => call.path === 'entries.review')).toHaveLength(1);
  });

  it('warns before the click when the queue already shows a newer entry', async () => {
    renderWithApi(<ProposalsSection userId={reviewer} />, {
      'entries.proposals': () => ({
        proposals: [editOf({ version: 3, body: 'Closed.' })],
      }),
    });
    await screen.findByText(/The entry changed after this edit was proposed, so/);
  });

  it('shows no warning for an edit of the entry as it is', async () => {
    renderWithApi(<ProposalsSection userId={reviewer} />, {
      'entries.proposals': () => ({
        proposals: [editOf({ version: 1, body: 'Nine to five.' })],
      }),
    });
    await screen.findByRole('button', { name: 'Accept Opening hours' });
    expect(screen.queryByText(/The entry changed after this edit was proposed/)).toBeNull();
  });
});

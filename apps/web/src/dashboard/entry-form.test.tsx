import type { Level } from '@rolegate/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../test-support/render-with-api';
import { EntriesSection } from './entries-section';

// A level, not an ARIA role: EntriesSection's prop happens to be called `role`.
const CONTRIBUTOR: Level = 'contributor';

const author = { id: '00000000-0000-4000-8000-000000000002', name: 'Grace' };
const entryAt = (version: number, body: string) => ({
  id: '00000000-0000-4000-8000-000000000010',
  title: 'Opening hours',
  body,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  version,
  createdBy: author,
  updatedBy: author,
});
const CHANGED =
  'The entry changed while you were editing it (last changed by Grace at 2026-11-26T11:00:00.000Z); your edit was not sent. Copy your text, reload the entry and propose the edit again on the current text.';

describe('EntryForm proposing an edit', () => {
  it('sends the version it was opened with, and shows the CONFLICT when the entry changed', async () => {
    let current = entryAt(4, 'Nine to five.');
    const { calls } = renderWithApi(<EntriesSection role={CONTRIBUTOR} />, {
      'entries.list': () => ({ entries: [current], nextCursor: null, previousCursor: null }),
      'entries.propose': () => {
        current = entryAt(5, 'Eight to four.');
        throw apiError('CONFLICT', CHANGED);
      },
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Propose an edit to Opening hours' }),
    );
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'Ten to four.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    await screen.findByText(CHANGED);
    // The list is fetched again for the next time the form opens...
    await waitFor(() =>
      expect(calls.filter((call) => call.path === 'entries.list')).toHaveLength(2),
    );

    // ...but this form stays based on the version it showed: sending again is refused again.
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.path === 'entries.propose')).toHaveLength(2),
    );
    expect(
      calls.filter((call) => call.path === 'entries.propose').map((call) => call.input),
    ).toEqual(
      [1, 2].map(() => ({
        entryId: current.id,
        baseVersion: 4,
        title: 'Opening hours',
        body: 'Ten to four.',
      })),
    );
  });
});

import type { Level } from '@rolegate/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api';
import { EntriesSection } from './entries-section';

// A level, not an ARIA role: EntriesSection's prop happens to be called `role`.
const READER: Level = 'reader';

const author = { id: '00000000-0000-4000-8000-000000000002', name: 'Grace' };
const entryNamed = (n: number) => ({
  id: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  title: `Entry ${n}`,
  body: '',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  version: 1,
  createdBy: author,
  updatedBy: author,
});

/** Two pages; the cursor is opaque to the app, so any string the server gave works. */
function listHandler(input: unknown) {
  const { cursor } = input as { cursor?: string };
  if (cursor === undefined) {
    return { entries: [entryNamed(1), entryNamed(2)], nextCursor: 'after-2', previousCursor: null };
  }
  if (cursor === 'after-2') {
    return { entries: [entryNamed(3)], nextCursor: null, previousCursor: 'before-3' };
  }
  throw new Error(`unexpected cursor ${cursor}`);
}

describe('EntriesSection', () => {
  it("pages with one infinite query, sending tRPC's cursor and direction", async () => {
    const { calls } = renderWithApi(<EntriesSection role={READER} />, {
      'entries.list': listHandler,
    });
    await screen.findByRole('article', { name: 'Entry 2' });
    fireEvent.click(screen.getByRole('button', { name: 'Show more entries' }));
    await screen.findByRole('article', { name: 'Entry 3' });

    expect(screen.getAllByRole('article').map((card) => card.textContent?.slice(0, 7))).toEqual([
      'Entry 1',
      'Entry 2',
      'Entry 3',
    ]);
    expect(calls.filter((call) => call.path === 'entries.list').map((call) => call.input)).toEqual([
      { limit: 20, direction: 'forward' },
      { limit: 20, cursor: 'after-2', direction: 'forward' },
    ]);
    // The last page has no nextCursor: nothing more to ask for.
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Show more entries' })).toBeNull(),
    );
  });

  it('keeps the entries shown when the next page fails, and offers to try again', async () => {
    let failNext = true;
    renderWithApi(<EntriesSection role={READER} />, {
      'entries.list': (input) => {
        if ((input as { cursor?: string }).cursor && failNext) {
          failNext = false;
          throw new Error('The database is not answering.');
        }
        return listHandler(input);
      },
    });
    await screen.findByRole('article', { name: 'Entry 2' });
    fireEvent.click(screen.getByRole('button', { name: 'Show more entries' }));
    await screen.findByText('More entries could not be loaded.');
    expect(screen.getByRole('article', { name: 'Entry 1' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('article', { name: 'Entry 3' });
  });
});

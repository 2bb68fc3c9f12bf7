import type { Level } from '@rolegate/core';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillIn } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { EntriesSection } from './entries-section';

// A level, not an ARIA role: EntriesSection's prop happens to be called `role`.
const CONTRIBUTOR: Level = 'contributor';
const POWER: Level = 'power';

const grace = { id: '00000000-0000-4000-8000-000000000002', name: 'Grace' };
const alan = { id: '00000000-0000-4000-8000-000000000003', name: 'Alan' };
const entryAt = (version: number, body: string, by = grace) => ({
  id: '00000000-0000-4000-8000-000000000010',
  title: 'Opening hours',
  body,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T11:00:00.000Z',
  version,
  createdBy: grace,
  updatedBy: by,
});
const CHANGED =
  'The entry changed since you opened it (last changed by Alan on Thursday, 26 November 2026 at 11:00:00 UTC, now version 5); your edit was not sent.';

/** Opens the entry's form with `button`, types `body` and sends it with `send`. */
async function editAndSend(button: string, body: string, send: string) {
  fireEvent.click(await screen.findByRole('button', { name: button }));
  fillIn('Text', body);
  fireEvent.click(screen.getByRole('button', { name: send }));
}

describe('EntryForm when the entry changed meanwhile', () => {
  it('shows the current text beside the proposal, which is sent again on the current version', async () => {
    let current = entryAt(4, 'Nine to five.');
    let sent = 0;
    const { calls } = renderWithApi(<EntriesSection role={CONTRIBUTOR} />, {
      'entries.list': () => ({ entries: [current], nextCursor: null, previousCursor: null }),
      'entries.get': () => ({ entry: current }),
      'entries.propose': (input) => {
        sent += 1;
        if (sent > 1) return { proposal: { id: 'p1', ...(input as object) } };
        current = entryAt(5, 'Eight to four.', alan);
        throw apiError('CONFLICT', CHANGED);
      },
    });
    await editAndSend('Propose an edit to Opening hours', 'Ten to four.', 'Send for review');
    const now = await screen.findByRole('region', { name: 'The entry as it is now' });
    expect(within(now).getByText('Eight to four.')).toBeTruthy();
    expect(within(now).getByRole('alert').textContent).toMatch(/^Alan changed this entry on /);
    // The person's text is still theirs to send.
    expect((screen.getByLabelText('Text') as HTMLTextAreaElement).value).toBe('Ten to four.');

    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    await screen.findByText(/Your proposal was sent for review/);
    expect(
      calls.filter((call) => call.path === 'entries.propose').map((call) => call.input),
    ).toEqual(
      [4, 5].map((baseVersion) => ({
        entryId: current.id,
        baseVersion,
        title: 'Opening hours',
        body: 'Ten to four.',
      })),
    );
  });

  it('a power user saving over a newer version sees it, and saves on it only when they send again', async () => {
    let current = entryAt(1, 'Nine to five.');
    const { calls } = renderWithApi(<EntriesSection role={POWER} />, {
      'entries.list': () => ({ entries: [current], nextCursor: null, previousCursor: null }),
      'entries.get': () => ({ entry: current }),
      'entries.save': (input) => {
        const { baseVersion, body } = input as { baseVersion: number; body: string };
        if (baseVersion !== current.version) throw apiError('CONFLICT', CHANGED);
        current = entryAt(current.version + 1, body);
        return { entry: current };
      },
    });
    await screen.findByRole('button', { name: 'Edit Opening hours' });
    current = entryAt(2, 'Eight to four.', alan); // Alan saved meanwhile.
    await editAndSend('Edit Opening hours', 'Ten to four.', 'Save changes');
    const now = await screen.findByRole('region', { name: 'The entry as it is now' });
    expect(within(now).getByText('Eight to four.')).toBeTruthy();
    expect(current.body).toBe('Eight to four.');

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved “Opening hours”.');
    expect(
      calls
        .filter((call) => call.path === 'entries.save')
        .map((call) => (call.input as { baseVersion: number }).baseVersion),
    ).toEqual([1, 2]);
    await waitFor(() => expect(current).toMatchObject({ version: 3, body: 'Ten to four.' }));
  });
});

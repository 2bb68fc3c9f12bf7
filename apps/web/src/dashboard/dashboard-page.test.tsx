import { LEVELS, type Level, type PublicUser } from '@rolegate/core';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillIn } from '../testing/fill-in';
import { renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { DashboardPage } from './dashboard-page';

const author = { id: '00000000-0000-4000-8000-000000000002', name: 'Grace' };
const entry = {
  id: '00000000-0000-4000-8000-000000000010',
  title: 'Opening hours',
  body: 'Nine to five.',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  version: 4,
  createdBy: author,
  updatedBy: author,
};

function userAt(role: Level, pending: Partial<PublicUser> = {}): PublicUser {
  return testUser(role, pending);
}

const api = {
  'entries.list': () => ({ entries: [entry], nextCursor: null }),
  'entries.proposals': () => ({ proposals: [] }),
};

async function renderDashboard(user: PublicUser) {
  const view = renderWithApi(
    <DashboardPage user={user} decision={null} onDismiss={() => {}} />,
    api,
  );
  const card = await screen.findByRole('article', { name: 'Opening hours' });
  const buttons = within(card)
    .queryAllByRole('button')
    .map((button) => button.textContent);
  return { ...view, buttons };
}

const EXPECTED: Record<Level, { entryButtons: string[]; create: string | null; review: boolean }> =
  {
    reader: { entryButtons: [], create: null, review: false },
    contributor: {
      entryButtons: ['Propose an edit'],
      create: 'Propose a new entry',
      review: false,
    },
    editor: { entryButtons: ['Propose an edit'], create: 'Propose a new entry', review: true },
    power: { entryButtons: ['Edit', 'Delete'], create: 'New entry', review: true },
  };

describe('DashboardPage', () => {
  it.each(LEVELS)('shows %s exactly the actions its level allows', async (level) => {
    const { buttons, calls } = await renderDashboard(userAt(level));
    const expected = EXPECTED[level];
    expect(buttons).toEqual(expected.entryButtons);
    const create = screen.queryByRole('button', { name: /^(New entry|Propose a new entry)$/ });
    expect(create?.textContent ?? null).toBe(expected.create);
    expect(screen.queryByRole('heading', { name: 'Proposals to review' }) !== null).toBe(
      expected.review,
    );
    // A section the level may not use is not even asked for: the server would refuse it.
    expect(calls.some((call) => call.path === 'entries.proposals')).toBe(expected.review);
  });

  it('says a power request is waiting and what the person works as meanwhile', async () => {
    await renderDashboard(userAt('editor', { requestedRole: 'power', pending: true }));
    const banner = screen.getByText(/Your request for Power access is waiting for an admin/);
    expect(banner.closest('[role="status"]')?.textContent).toMatch(/you work as Editor/);
  });

  it('links to the account page to ask for a higher level, and not while a request waits', async () => {
    await renderDashboard(userAt('contributor'));
    const link = screen.getByRole('link', { name: 'Ask for a higher level' });
    expect(link.getAttribute('href')).toBe('/account#level');
    cleanup();
    await renderDashboard(userAt('editor', { requestedRole: 'power', pending: true }));
    expect(screen.queryByRole('link', { name: 'Ask for a higher level' })).toBeNull();
  });
});

describe('DashboardPage entry forms', () => {
  it('lets power save a new entry directly', async () => {
    const { calls } = await renderDashboard(userAt('power'));
    fireEvent.click(screen.getByRole('button', { name: 'New entry' }));
    fillIn('Title', 'Holidays');
    fillIn('Text', 'Closed in August.');
    fireEvent.click(screen.getByRole('button', { name: 'Add entry' }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        path: 'entries.save',
        input: { title: 'Holidays', body: 'Closed in August.' },
      }),
    );
  });

  it("sends a contributor's edit for review, naming the entry", async () => {
    const { calls } = await renderDashboard(userAt('contributor'));
    fireEvent.click(screen.getByRole('button', { name: 'Propose an edit to Opening hours' }));
    fillIn('Text', 'Ten to four.');
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        path: 'entries.propose',
        input: { title: 'Opening hours', body: 'Ten to four.', entryId: entry.id, baseVersion: 4 },
      }),
    );
  });

  it('shows an empty title at the field instead of sending it', async () => {
    const { calls } = await renderDashboard(userAt('power'));
    fireEvent.click(screen.getByRole('button', { name: 'New entry' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add entry' }));
    await screen.findByText('Enter a title.');
    expect(calls.some((call) => call.path === 'entries.save')).toBe(false);
  });
});

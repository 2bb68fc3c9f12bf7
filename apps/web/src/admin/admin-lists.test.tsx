import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { AuditPage } from './audit-page';
import { PersonPage } from './person-page';
import { RequestsPage } from './requests-page';
import { UsersPage } from './users-page';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const adminUser = (n: number) => ({
  ...testUser('reader', { id: id(n), name: `Person ${n}`, email: `person${n}@example.com` }),
  pendingRequestId: null,
});

/** admin.users answering `total` people in pages of `size`, filtered by `q` as the server does. */
function usersApi(total: number, size: number) {
  const everyone = Array.from({ length: total }, (_, i) => adminUser(i + 1));
  return (input: unknown) => {
    const { q, cursor, role } = input as { q?: string; cursor?: string | null; role?: string };
    const matching = everyone.filter(
      (user) =>
        (!q || `${user.name} ${user.email}`.toLowerCase().includes(q.toLowerCase())) &&
        (!role || user.role === role),
    );
    const start = cursor ? Number(cursor) : 0;
    const next = start + size < matching.length ? String(start + size) : null;
    return { users: matching.slice(start, start + size), nextCursor: next };
  };
}

const queriesOf = (calls: { path: string; input: unknown }[], path: string) =>
  calls.filter((call) => call.path === path).map((call) => call.input as Record<string, unknown>);

describe('the users list', () => {
  it('puts the search into the URL after a pause in typing, and asks the server with it', async () => {
    const { calls, history } = renderWithApi(<UsersPage />, { 'admin.users': usersApi(30, 50) });
    expect(await screen.findByRole('link', { name: 'Person 12' })).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by name or email' }), {
      target: { value: 'PERSON1' },
    });
    // One query for the whole word once typing stops, not one a key.
    await waitFor(() => expect(history.at(-1)).toBe('/?q=PERSON1'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Person 2' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Person 12' })).toBeTruthy();
    expect(queriesOf(calls, 'admin.users').map((input) => input.q)).toEqual([undefined, 'PERSON1']);
  });

  it('starts from the search and level in the URL, so a reload keeps them', async () => {
    const { calls } = renderWithApi(
      <UsersPage />,
      { 'admin.users': usersApi(30, 50) },
      '/?q=person2&role=reader',
    );
    expect(await screen.findByRole('link', { name: 'Person 21' })).toBeTruthy();
    expect(
      (screen.getByRole('searchbox', { name: 'Search by name or email' }) as HTMLInputElement)
        .value,
    ).toBe('person2');
    expect((screen.getByRole('combobox', { name: 'Level' }) as HTMLSelectElement).value).toBe(
      'reader',
    );
    expect(queriesOf(calls, 'admin.users')[0]).toMatchObject({ q: 'person2', role: 'reader' });
  });

  it('shows the next page under the first with Show more, and links each person to their page', async () => {
    const { calls } = renderWithApi(<UsersPage />, { 'admin.users': usersApi(7, 3) });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
    fireEvent.click(screen.getByRole('button', { name: 'Show more people' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 6));
    fireEvent.click(screen.getByRole('button', { name: 'Show more people' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 7));
    expect(screen.queryByRole('button', { name: 'Show more people' })).toBeNull();
    expect(queriesOf(calls, 'admin.users').map((input) => input.cursor ?? null)).toEqual([
      null,
      '3',
      '6',
    ]);
    expect(screen.getByRole('link', { name: 'Person 7' }).getAttribute('href')).toBe(
      `/users/${id(7)}`,
    );
  });
});

describe('the requests list', () => {
  it('asks for waiting requests by default and for the status chosen, kept in the URL', async () => {
    const { calls, history } = renderWithApi(<RequestsPage />, {
      'admin.requests': () => ({ requests: [], nextCursor: null }),
    });
    expect(await screen.findByText('No requests are waiting.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'denied' },
    });
    await waitFor(() => expect(history.at(-1)).toBe('/?status=denied'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'all' },
    });
    await waitFor(() => expect(queriesOf(calls, 'admin.requests')).toHaveLength(3));
    expect(queriesOf(calls, 'admin.requests').map((input) => input.status)).toEqual([
      'pending',
      'denied',
      undefined,
    ]);
  });
});

describe('the audit page', () => {
  const entry = {
    id: id(900),
    at: '2026-12-04T10:00:00.000Z',
    actor: { id: id(1), name: 'Root', email: 'root@example.com' },
    action: 'level_request.denied',
    subjectType: 'level_request',
    subjectId: id(901),
    subject: { id: id(2), name: '=HYPERLINK("x")', email: 'x@example.com' },
    details: { denyReason: 'Not now', via: 'panel' },
  };

  it('lists entries with words, and downloads the CSV with the filters on screen', async () => {
    const { calls } = renderWithApi(
      <AuditPage />,
      { 'admin.audit': () => ({ entries: [entry], nextCursor: null }) },
      `/?action=level_request.denied&subjectId=${id(2)}`,
    );
    const row = (await screen.findByRole('rowheader', { name: 'Denied a level request' })).closest(
      'tr',
    );
    expect(row?.textContent).toContain('Root');
    expect(row?.textContent).toContain('denyReason: Not now');
    expect(screen.getByText('=HYPERLINK("x")', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/admin/audit.csv?action=level_request.denied&subjectId=${id(2)}`,
    );
    expect(queriesOf(calls, 'admin.audit')[0]).toMatchObject({
      action: 'level_request.denied',
      subjectId: id(2),
    });
    expect(screen.getByRole('link', { name: 'Root' }).getAttribute('href')).toBe(
      `/audit?actorId=${id(1)}`,
    );
  });

  it('drops a person filter with "Show everyone"', async () => {
    const { history } = renderWithApi(
      <AuditPage />,
      { 'admin.audit': () => ({ entries: [entry], nextCursor: null }) },
      `/?actorId=${id(1)}`,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Show everyone' }));
    await waitFor(() => expect(history.at(-1)).toBe('/'));
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/admin/audit.csv',
    );
  });
});

describe('a person’s page', () => {
  it('links to the audit log about them and by them', async () => {
    const pia = testUser('editor', { id: id(3), name: 'Pia' });
    renderWithApi(<PersonPage id={pia.id} />, {
      'auth.me': () => ({ user: testUser('power', { id: id(1), isAdmin: true }) }),
      'admin.user': () => ({ user: pia, requests: [] }),
    });
    expect((await screen.findByRole('link', { name: 'about them' })).getAttribute('href')).toBe(
      `/audit?subjectId=${id(3)}`,
    );
    expect(screen.getByRole('link', { name: 'by them' }).getAttribute('href')).toBe(
      `/audit?actorId=${id(3)}`,
    );
  });
});

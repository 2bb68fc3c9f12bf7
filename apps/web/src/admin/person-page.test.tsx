import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillIn } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { PersonPage } from './person-page';

const DAY_MS = 24 * 60 * 60 * 1000;
const pia = testUser('power', {
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'Pia',
  email: 'pia@example.com',
});
const root = testUser('power', { id: '00000000-0000-4000-8000-0000000000ff', isAdmin: true });

function renderPerson(handlers: Record<string, (input: unknown) => unknown> = {}, who = pia) {
  let user = who;
  return renderWithApi(<PersonPage id={who.id} />, {
    'auth.me': () => ({ user: root }),
    'admin.user': () => ({
      user,
      requests: [
        {
          id: '00000000-0000-4000-9000-000000000001',
          user,
          requestedRole: 'power',
          reason: null,
          status: 'denied',
          createdAt: '2026-11-01T10:00:00.000Z',
          decidedAt: '2026-11-02T10:00:00.000Z',
          decidedBy: { id: root.id, name: 'Root', email: root.email },
          denyReason: 'Not yet.',
        },
      ],
    }),
    'admin.setLevel': (input) => {
      const { role, expiresAt } = input as { role: typeof user.role; expiresAt?: string };
      user = { ...user, role, levelExpiresAt: expiresAt ?? null };
      return { user };
    },
    'admin.setAdmin': (input) => {
      user = { ...user, isAdmin: (input as { isAdmin: boolean }).isAdmin };
      return { user };
    },
    ...handlers,
  });
}

describe('a person’s page in the admin panel', () => {
  it('shows the level, the admin flag and the request history with the deny reason', async () => {
    renderPerson();
    expect(await screen.findByRole('heading', { name: 'Pia' })).toBeTruthy();
    expect(screen.getByText('Why: Not yet.')).toBeTruthy();
    expect(screen.getByText(/\(for good\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Make admin' })).toBeTruthy();
  });

  it('sets a level for 30 days with a reason, and says until when', async () => {
    const { calls } = renderPerson();
    await screen.findByRole('heading', { name: 'Pia' });
    fireEvent.click(screen.getByRole('radio', { name: 'Contributor' }));
    fillIn('How long', '30');
    fillIn('Reason (optional)', 'Covering for Sam.');
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Set level' }));
    await screen.findByText(/Pia now has Contributor access until .* and is being emailed\./);
    const sent = calls.find((call) => call.path === 'admin.setLevel')?.input as {
      userId: string;
      role: string;
      reason: string;
      expiresAt: string;
    };
    expect(sent).toMatchObject({
      userId: pia.id,
      role: 'contributor',
      reason: 'Covering for Sam.',
    });
    const end = new Date(sent.expiresAt).getTime();
    expect(end - before).toBeGreaterThanOrEqual(30 * DAY_MS - 1000);
    expect(end - Date.now()).toBeLessThanOrEqual(30 * DAY_MS);
  });

  it('asks for the date when "until a date" has none, and shows the server’s word on expiresAt there', async () => {
    const { calls } = renderPerson({
      'admin.setLevel': () => {
        throw apiError('BAD_REQUEST', 'expiresAt: expiresAt must be in the future.', {
          expiresAt: ['expiresAt must be in the future.'],
        });
      },
    });
    await screen.findByRole('heading', { name: 'Pia' });
    fireEvent.click(screen.getByRole('radio', { name: 'Reader' }));
    fillIn('How long', 'date');
    fireEvent.click(screen.getByRole('button', { name: 'Set level' }));
    expect(
      await screen.findByText('Choose the last day of the level, or another length.'),
    ).toBeTruthy();
    expect(calls.some((call) => call.path === 'admin.setLevel')).toBe(false);

    fillIn('Last day', '2030-01-31');
    fireEvent.click(screen.getByRole('button', { name: 'Set level' }));
    await screen.findByText('expiresAt must be in the future.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Last day')));
  });

  it('Escape cancels removing admin rights: nothing is sent and the focus returns', async () => {
    const { calls } = renderPerson({}, { ...pia, isAdmin: true });
    const remove = await screen.findByRole('button', { name: 'Remove admin rights' });
    fireEvent.click(remove);
    const confirm = await screen.findByRole('button', { name: 'Yes, remove admin rights' });
    expect(screen.getByText(/decision links in their mail stop working/)).toBeTruthy();
    fireEvent.keyDown(confirm, { key: 'Escape' });
    const back = await screen.findByRole('button', { name: 'Remove admin rights' });
    await waitFor(() => expect(document.activeElement).toBe(back));
    expect(calls.filter((call) => call.path === 'admin.setAdmin')).toEqual([]);
  });

  it('makes an admin once confirmed, and shows CONFLICT when the last admin cannot be removed', async () => {
    const { calls } = renderPerson();
    fireEvent.click(await screen.findByRole('button', { name: 'Make admin' }));
    // Nothing is sent until the admin confirms; the confirming button has the focus.
    const confirm = await screen.findByRole('button', { name: 'Yes, make admin' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(calls.filter((call) => call.path === 'admin.setAdmin')).toEqual([]);
    fireEvent.click(confirm);
    await screen.findByText('Pia is now an admin.');

    renderPerson(
      {
        'admin.setAdmin': () => {
          throw apiError('CONFLICT', 'This is the last admin: make someone else an admin first.');
        },
      },
      { ...root, name: 'Root' },
    );
    const page = (await screen.findAllByRole('heading', { name: 'Root' })).at(-1);
    expect(page).toBeTruthy();
    const [, second] = screen.getAllByRole('button', { name: /admin/ });
    fireEvent.click(second as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, remove admin rights' }));
    await waitFor(() =>
      expect(
        screen.getAllByRole('alert').some((alert) => /last admin/.test(alert.textContent ?? '')),
      ).toBe(true),
    );
    // One's own page has no level form: only another admin may change it.
    expect(
      screen.getByText('You cannot change your own level: another admin has to.'),
    ).toBeTruthy();
    expect(within(document.body).getAllByRole('button', { name: 'Set level' })).toHaveLength(1);
  });
});

import { ACCESS_TABLE, LEVELS } from '@rolegate/core';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectFieldRefused, fillIn } from '../testing/fill-in';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { SignUpPage } from './sign-up-page';

function fillValidForm() {
  fillIn('Name', 'Ada Lovelace');
  fillIn('Email', 'ada@example.com');
  fillIn('Password', 'correct horse battery');
  fireEvent.click(screen.getByRole('radio', { name: 'Reader' }));
}

describe('SignUpPage', () => {
  it('offers the four levels as one radio group, each with its summary from the access table', () => {
    renderWithApi(<SignUpPage />, {});
    const group = screen.getByRole('group', { name: 'Access level' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((radio) => (radio as HTMLInputElement).value)).toEqual([...LEVELS]);
    for (const level of LEVELS) {
      expect(
        within(group).getByText(new RegExp(ACCESS_TABLE[level].summary.slice(0, 20))),
      ).toBeTruthy();
    }
  });

  const approvalCases = [
    {
      policy: ['power'],
      choose: 'Power',
      shownOnceLoaded: /Change or delete any entry directly.*Needs an admin’s approval/,
      says: /An admin must approve Power\. Until then you start as Editor/,
    },
    {
      policy: ['editor', 'power'],
      choose: 'Editor',
      shownOnceLoaded: /apply or reject them.*Needs an admin’s approval/,
      says: /An admin must approve Editor\. Until then you start as Contributor/,
    },
  ] as const;
  it.each(approvalCases)(
    'with approval for $policy, choosing $choose says who approves and the level it starts at',
    async ({ policy, choose, shownOnceLoaded, says }) => {
      renderWithApi(<SignUpPage />, {
        'auth.accessPolicy': () => ({ approvalRequiredLevels: [...policy] }),
      });
      expect(screen.queryByText(/An admin must approve/)).toBeNull();
      await screen.findByText(shownOnceLoaded);
      fireEvent.click(screen.getByRole('radio', { name: choose }));
      expect(screen.getByText(says)).toBeTruthy();
      expect(screen.getByLabelText(/Why do you need this level/)).toBeTruthy();
    },
  );

  it('shows what is wrong at each field and focuses the first, without calling the server', async () => {
    const { calls } = renderWithApi(<SignUpPage />, {});
    fillIn('Email', 'not-an-email');
    fillIn('Password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    await expectFieldRefused('Name', 'Enter your name.');
    expect(screen.getByText(/Use at least 10 characters/)).toBeTruthy();
    expect(screen.getByText(/Choose one of: reader, contributor, editor, power/)).toBeTruthy();
    expect(calls.filter((call) => call.path === 'auth.register')).toEqual([]);
  });

  it('shows a taken email at the email field', async () => {
    renderWithApi(<SignUpPage />, {
      'auth.register': () => {
        throw apiError('CONFLICT', 'An account with this email already exists.', {
          email: ['An account with this email already exists.'],
        });
      },
    });
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-describedby')).toBeTruthy();
    const describedBy = document.getElementById(
      email.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '',
    );
    expect(describedBy?.textContent).toBe('An account with this email already exists.');
  });

  it('sends exactly the form fields and no reason for a level without approval', async () => {
    const { calls } = renderWithApi(<SignUpPage />, {
      'auth.register': () => new Promise(() => {}),
    });
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('Creating account…');
    expect(calls.filter((call) => call.path === 'auth.register')).toEqual([
      {
        path: 'auth.register',
        input: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          password: 'correct horse battery',
          role: 'reader',
        },
      },
    ]);
  });
});

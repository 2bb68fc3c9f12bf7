import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { VerificationGate } from './verification-gate';

const page = <p>The dashboard</p>;

describe('VerificationGate', () => {
  it('shows "check your inbox" instead of the page while the server wants the proof', async () => {
    renderWithApi(
      <VerificationGate user={testUser('reader', { emailVerified: false })}>
        {page}
      </VerificationGate>,
      {
        'entries.list': () => {
          throw apiError('FORBIDDEN', 'Confirm your email address first');
        },
      },
    );
    await screen.findByRole('heading', { name: 'Check your inbox' });
    expect(screen.queryByText('The dashboard')).toBeNull();
  });

  it('shows the page to an unproven account when the server does not ask for proof', async () => {
    renderWithApi(
      <VerificationGate user={testUser('reader', { emailVerified: false })}>
        {page}
      </VerificationGate>,
      {
        'entries.list': () => ({ entries: [], nextCursor: null, previousCursor: null }),
      },
    );
    await screen.findByText('The dashboard');
  });

  it('asks nothing for a proven account or a signed-out visitor', () => {
    const proven = renderWithApi(<VerificationGate user={testUser()}>{page}</VerificationGate>, {});
    expect(screen.getByText('The dashboard')).toBeTruthy();
    expect(proven.calls).toEqual([]);
    proven.unmount();
    const visitor = renderWithApi(<VerificationGate user={null}>{page}</VerificationGate>, {});
    expect(screen.getByText('The dashboard')).toBeTruthy();
    expect(visitor.calls).toEqual([]);
  });
});

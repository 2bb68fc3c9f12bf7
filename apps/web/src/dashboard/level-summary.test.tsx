import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api';
import { testUser } from '../testing/users';
import { LevelSummary } from './level-summary';

describe('the dashboard’s level line', () => {
  it('says until when a time-limited level lasts, and nothing of an end for a permanent one', () => {
    const { unmount } = renderWithApi(
      <LevelSummary user={testUser('power', { levelExpiresAt: '2027-01-31T12:00:00.000Z' })} />,
      {},
    );
    expect(screen.getByText(/until .*2027/)).toBeTruthy();
    unmount();
    renderWithApi(<LevelSummary user={testUser('power')} />, {});
    expect(screen.queryByText(/until/)).toBeNull();
  });
});

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api';
import { MailFailingBanner } from './mail-failing-banner';

const status = {
  failing: false,
  queued: 0,
  retrying: 0,
  failedLastHour: 0,
  overdue: 0,
  lastError: null,
};

function mail(requestsReachNobody: boolean, delivers = true) {
  return () => ({ messages: [], failing: false, status, delivers, requestsReachNobody });
}

describe('MailFailingBanner', () => {
  it('says on every admin page when level requests reach nobody, and how to fix it', async () => {
    renderWithApi(<MailFailingBanner />, { 'admin.mail': mail(true) }, '/admin');
    await screen.findByText('Level requests reach nobody:');
    expect(screen.getByRole('link', { name: 'your account' }).getAttribute('href')).toBe(
      '/account',
    );
  });

  it('says nothing of it while someone hears of them', async () => {
    // Another banner shows once the status has arrived; this one does not.
    renderWithApi(<MailFailingBanner />, { 'admin.mail': mail(false, false) }, '/admin');
    await screen.findByText('Nobody receives mail:');
    expect(screen.queryByText('Level requests reach nobody:')).toBeNull();
  });
});

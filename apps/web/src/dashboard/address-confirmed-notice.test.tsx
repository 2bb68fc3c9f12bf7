import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressConfirmedNotice } from './address-confirmed-notice';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('AddressConfirmedNotice', () => {
  it('says which address the verify page confirmed, until dismissed', () => {
    window.history.replaceState({ confirmedEmail: 'pat@example.com' }, '', '/');
    render(<AddressConfirmedNotice />);
    expect(screen.getByRole('status').textContent).toContain(
      'Your address pat@example.com is confirmed.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(window.history.state).toBeNull();
  });

  it('says nothing on an ordinary visit', () => {
    window.history.replaceState(null, '', '/');
    render(<AddressConfirmedNotice />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

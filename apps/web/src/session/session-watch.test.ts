import { describe, expect, it } from 'vitest';
import { decisionBetween, PENDING_REFRESH_MS, sessionRefreshInterval } from './session-watch';

const waiting = { id: 'u1', role: 'editor', requestedRole: 'power', pending: true } as const;

describe('sessionRefreshInterval', () => {
  it('polls while a request waits', () => {
    expect(sessionRefreshInterval({ pending: true })).toBe(PENDING_REFRESH_MS);
  });

  it('does not poll otherwise, or when signed out', () => {
    expect(sessionRefreshInterval({ pending: false })).toBe(false);
    expect(sessionRefreshInterval(null)).toBe(false);
  });
});

describe('decisionBetween', () => {
  it('reports an approval when the requested level came into force', () => {
    const after = { ...waiting, role: 'power', requestedRole: null, pending: false } as const;
    expect(decisionBetween(waiting, after)).toEqual({
      outcome: 'approved',
      level: 'power',
      from: 'editor',
    });
  });

  it('reports a denial when the request ended and the level stayed', () => {
    const after = { ...waiting, requestedRole: null, pending: false } as const;
    expect(decisionBetween(waiting, after)).toEqual({
      outcome: 'denied',
      level: 'power',
      from: 'editor',
    });
  });

  it('reports nothing while the request still waits', () => {
    expect(decisionBetween(waiting, waiting)).toBeNull();
  });

  it('reports nothing when a different person signed in', () => {
    const other = { ...waiting, id: 'u2', role: 'power', pending: false } as const;
    expect(decisionBetween(waiting, other)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPathFor } from './next-path';

describe('safeNextPath', () => {
  it('follows a path on this site', () => {
    expect(safeNextPath('/admin/requests/0b7e')).toBe('/admin/requests/0b7e');
    expect(safeNextPath('/admin?tab=mail')).toBe('/admin?tab=mail');
  });

  it('goes home for a missing next', () => {
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath('')).toBe('/');
  });

  it.each(['https://evil.example/', '//evil.example/', '/\\evil.example/', 'javascript:alert(1)'])(
    'refuses to leave the site for %s',
    (next) => {
      expect(safeNextPath(next)).toBe('/');
    },
  );
});

describe('signInPathFor', () => {
  it('remembers the page to come back to', () => {
    expect(signInPathFor('/admin/requests/42')).toBe('/sign-in?next=%2Fadmin%2Frequests%2F42');
  });

  it('needs no next for the home page', () => {
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});

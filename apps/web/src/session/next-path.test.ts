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

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    'javascript:alert(1)',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e%2e//evil.example',
    '/.\\/evil.example',
    '/\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/./\\evil.example/path',
  ])('refuses to leave the site for %s', (next) => {
    expect(safeNextPath(next)).toBe('/');
    expect(safeNextPath(next, 'https://rolegate.example')).toBe('/');
  });

  it('keeps encoded slashes encoded: they stay one path segment on this site', () => {
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeNextPath('/%5C%5Cevil.example')).toBe('/%5C%5Cevil.example');
  });

  it('follows a path with dot segments to where they lead on this site', () => {
    expect(safeNextPath('/admin/./requests/../users')).toBe('/admin/users');
  });
});

describe('signInPathFor', () => {
  it('remembers the page to come back to', () => {
    expect(signInPathFor('/admin/requests/42')).toBe('/sign-in?next=%2Fadmin%2Frequests%2F42');
  });

  it('needs no next for the home page', () => {
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});

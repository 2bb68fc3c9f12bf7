import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';

function response(...setCookie: string[]): Headers {
  const headers = new Headers();
  for (const line of setCookie) headers.append('set-cookie', line);
  return headers;
}

describe('CookieJar', () => {
  it('sends back what Set-Cookie set, without its attributes', () => {
    const jar = new CookieJar();
    jar.store(response('session=abc; Path=/; HttpOnly; SameSite=Lax', 'theme=dark'));
    expect(jar.header()).toBe('session=abc; theme=dark');
    expect(jar.lastSetCookie).toHaveLength(2);
  });

  it('forgets a cookie cleared by an empty value, Max-Age=0 or a past Expires', () => {
    const jar = new CookieJar();
    jar.store(response('a=1', 'b=2', 'c=3', 'd=4'));
    jar.store(
      response('a=; Path=/', 'b=2; Max-Age=0', 'c=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT'),
    );
    expect(jar.header()).toBe('d=4');
  });

  it('keeps a cookie whose Expires is in the future, and sends nothing when empty', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(response(`a=1; Expires=${new Date(Date.now() + 60_000).toUTCString()}`));
    expect(jar.header()).toBe('a=1');
  });

  it('keeps the last Set-Cookie headers when a later answer sets none', () => {
    const jar = new CookieJar();
    jar.store(response('a=1'));
    jar.store(response());
    expect(jar.lastSetCookie).toEqual(['a=1']);
  });
});

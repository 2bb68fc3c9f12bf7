/**
 * A tiny cookie jar for tests over HTTP: keeps what Set-Cookie says for one person and forgets
 * expired cookies, as a browser would.
 */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie headers of the last response that had any. */
  lastSetCookie: string[] = [];

  store(headers: Headers): void {
    const setCookies = headers.getSetCookie();
    if (setCookies.length > 0) this.lastSetCookie = setCookies;
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || attributes.some(isExpiry)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function isExpiry(attribute: string): boolean {
  const [key = '', value = ''] = attribute.split('=');
  if (key.toLowerCase() === 'max-age') return Number(value) <= 0;
  if (key.toLowerCase() === 'expires') return Date.parse(value) <= Date.now();
  return false;
}

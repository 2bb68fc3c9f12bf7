/**
 * Where to go after signing in: the page that sent the person to sign in (e.g. the request link in an
 * admin's email). Only a path on this site is followed, so a crafted link cannot bounce a fresh
 * session to another site.
 */
export function safeNextPath(
  next: string | null | undefined,
  origin: string = window.location.origin,
): string {
  if (!next?.startsWith('/')) return '/';
  const path = sameOriginPath(next, origin);
  // What comes out is followed as a relative URL once more, so it must still be a plain path then:
  // `/.//evil.example` normalises to `//evil.example`, which a browser reads as another host.
  if (path === null || path.startsWith('//') || sameOriginPath(path, origin) !== path) return '/';
  return path;
}

/** `value` resolved against `origin` (backslashes, tabs, dot segments as a browser reads them). */
function sameOriginPath(value: string, origin: string): string | null {
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/** The sign-in address that comes back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}

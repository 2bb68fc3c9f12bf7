/**
 * Where to go after signing in: the page that sent the person to sign in (e.g. the request link in an
 * admin's email). Only a path on this site is followed, so a crafted link cannot bounce a fresh
 * session to another site.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, 'http://rolegate.invalid');
    if (url.origin !== 'http://rolegate.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/** The sign-in address that comes back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}

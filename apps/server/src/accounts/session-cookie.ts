import type { Context, CookieOptions } from '../context.js';

export const SESSION_COOKIE = 'rolegate_session';

function cookieOptions(appUrl: string, expires?: Date): CookieOptions {
  return {
    httpOnly: true,
    // Lax: the cookie rides along on top-level navigation from mail links, never on cross-site POSTs.
    sameSite: 'lax',
    path: '/',
    secure: appUrl.startsWith('https:'),
    ...(expires ? { expires } : {}),
  };
}

type CookieSetter = Pick<Context, 'config' | 'setCookie' | 'clearCookie'>;

export function setSessionCookie(ctx: CookieSetter, token: string, expires: Date): void {
  ctx.setCookie(SESSION_COOKIE, token, cookieOptions(ctx.config.appUrl, expires));
}

export function clearSessionCookie(ctx: CookieSetter): void {
  ctx.clearCookie(SESSION_COOKIE, cookieOptions(ctx.config.appUrl));
}

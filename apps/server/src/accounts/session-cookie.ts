import type { AppConfig } from '../env.js';

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'lax' | 'strict';
  path: string;
  secure: boolean;
  expires?: Date;
}

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

/** What setting the cookie needs of a request's context. */
interface CookieSetter {
  config: Pick<AppConfig, 'appUrl'>;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
}

export function setSessionCookie(ctx: CookieSetter, token: string, expires: Date): void {
  ctx.setCookie(SESSION_COOKIE, token, cookieOptions(ctx.config.appUrl, expires));
}

export function clearSessionCookie(ctx: CookieSetter): void {
  ctx.clearCookie(SESSION_COOKIE, cookieOptions(ctx.config.appUrl));
}

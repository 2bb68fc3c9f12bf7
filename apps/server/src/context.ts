/**
 * The tRPC context in two layers (tRPC's docs): `createContextInner` holds what does not depend on the
 * request, so typed tests build it and call createCaller; `createContext` adds the session user,
 * the client IP and the cookie functions of one HTTP request.
 */
import type { Executor } from '@rolegate/db';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Logger } from 'pino';
import type { SessionUser } from './accounts/person.js';
import {
  type CookieOptions,
  clearSessionCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from './accounts/session-cookie.js';
import { resolveSession } from './accounts/sessions.js';
import { databaseUnavailableError } from './database-unavailable.js';
import type { AppConfig } from './env.js';

/** What the Origin/JSON check of mutations needs; null when there is no HTTP request (createCaller). */
export interface HttpRequestInfo {
  origin: string | undefined;
  contentType: string | undefined;
  /** fastify's id of the request: in each of its log lines, and in an internal error's message. */
  requestId: string;
}

export interface ContextInner {
  db: Executor;
  config: AppConfig;
  logger: Logger;
  /** The clock, replaceable in tests (session expiry, rate-limit windows). */
  now: () => Date;
}

export interface Context extends ContextInner {
  user: SessionUser | null;
  /** SHA-256 (hex) of the session cookie's token, when the request carried a live session. */
  sessionTokenHash: string | null;
  clientIp: string;
  /** The User-Agent header, kept with a new session so account.sessions can show it. */
  userAgent: string | null;
  http: HttpRequestInfo | null;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
}

export function createContextInner(options: {
  db: Executor;
  config: AppConfig;
  logger: Logger;
  now?: () => Date;
}): ContextInner {
  return { ...options, now: options.now ?? (() => new Date()) };
}

/** The context of one HTTP request through the fastify adapter. */
export async function createContext(
  inner: ContextInner,
  { req, res }: CreateFastifyContextOptions,
): Promise<Context> {
  const context: Context = {
    ...inner,
    user: null,
    sessionTokenHash: null,
    // fastify applies TRUST_PROXY (X-Forwarded-For) when it computes req.ip.
    clientIp: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    http: {
      origin: req.headers.origin,
      contentType: req.headers['content-type'],
      requestId: req.id,
    },
    setCookie: (name, value, options) => void res.setCookie(name, value, options),
    clearCookie: (name, options) => void res.clearCookie(name, options),
  };
  const token = req.cookies[SESSION_COOKIE];
  if (token === undefined) return context;
  const { sessionMaxDays } = inner.config;
  const session = await resolveSession(inner.db, token, inner.now(), sessionMaxDays).catch(
    (error: unknown) => {
      throw databaseUnavailableError(error, inner.logger) ?? error;
    },
  );
  if (session === null) {
    // A stale cookie (expired, revoked): drop it so the browser stops sending it.
    clearSessionCookie(context);
    return context;
  }
  if (session.renewedUntil !== null) setSessionCookie(context, token, session.renewedUntil);
  return { ...context, user: session.user, sessionTokenHash: session.tokenHash };
}

/**
 * CSRF defence for mutations (docs/architecture.md, "Security"): the browser's Origin header must be APP_URL's
 * origin, and the body JSON (a cross-site HTML form can send neither). Browsers send Origin on every
 * POST, same-origin ones included. Calls without an HTTP request (createCaller) have nothing to check.
 */
import { TRPCError } from '@trpc/server';
import type { Context } from '../context.js';

export function checkMutationRequest(ctx: Pick<Context, 'http' | 'config'>): void {
  if (ctx.http === null) return;
  const { origin, contentType } = ctx.http;
  if (origin === undefined || origin === '') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This request has no Origin header. Changes are accepted only from ${ctx.config.appOrigin}.`,
    });
  }
  if (origin !== ctx.config.appOrigin) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Requests from ${origin} may not change anything here; only ${ctx.config.appOrigin} may (APP_URL).`,
    });
  }
  if (!contentType?.toLowerCase().startsWith('application/json')) {
    throw new TRPCError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send mutations as JSON (Content-Type: application/json).',
    });
  }
}

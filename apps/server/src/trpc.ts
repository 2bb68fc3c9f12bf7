/** Builds the router and the procedures; nothing else lives here (CONTRIBUTING.md, "How the code should feel"). */
import { type Capability, can, lowestLevelWith } from '@rolegate/core';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context.js';
import { databaseUnavailableError } from './database-unavailable.js';
import {
  FieldProblem,
  fieldErrorsOf,
  internalErrorMessage,
  RateLimited,
  summarizeFieldErrors,
} from './errors.js';
import { isMissingBody, MISSING_BODY_MESSAGE } from './http/invalid-json.js';
import { checkMutationRequest } from './http/mutation-guard.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const fieldErrors = fieldErrorsOf(error.cause);
    const retryAfterSeconds =
      error.cause instanceof RateLimited ? error.cause.retryAfterSeconds : null;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message:
        error.code === 'INTERNAL_SERVER_ERROR'
          ? internalErrorMessage(ctx?.http?.requestId)
          : fieldErrors &&
              error.code === 'BAD_REQUEST' &&
              !(error.cause instanceof FieldProblem && error.cause.standsAlone)
            ? summarizeFieldErrors(fieldErrors)
            : isMissingBody(error.cause)
              ? MISSING_BODY_MESSAGE
              : shape.message,
      data: { ...data, fieldErrors, retryAfterSeconds },
    };
  },
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Every procedure: a lost database connection answers 503 (see database-unavailable.ts), and
 * mutations over HTTP must come from APP_URL's origin with a JSON body.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, type, next }) => {
  // One middleware, not two: each one is another pass through tRPC's chain on every call.
  if (type === 'mutation') checkMutationRequest(ctx);
  const result = await next();
  if (result.ok) return result;
  throw databaseUnavailableError(result.error.cause, ctx.logger) ?? result.error;
});

/**
 * Signed in, address proven or not: only what an unverified account may use (auth.resendVerification,
 * account.changeEmail to fix a typo, the session procedures). Everything else is authedProcedure.
 */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.user === null) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  }
  return next({ ctx: { user: ctx.user } });
});

export const EMAIL_NOT_VERIFIED = 'Confirm your email address first';

/**
 * Signed in, with a proven address when EMAIL_VERIFICATION=required (decision 025). Both checks in
 * one middleware, not signedInProcedure plus one: each is another pass through tRPC's chain.
 */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.user === null) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  }
  if (ctx.config.emailVerification === 'required' && !ctx.user.emailVerified) {
    throw new TRPCError({ code: 'FORBIDDEN', message: EMAIL_NOT_VERIFIED });
  }
  return next({ ctx: { user: ctx.user } });
});

/** Allowed when the access table gives the person's level this capability. */
export function capabilityProcedure(capability: Capability) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.user.role, capability)) {
      const needed = lowestLevelWith(capability);
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This needs the ${needed} level or higher; your level is ${ctx.user.role}.`,
      });
    }
    return next();
  });
}

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isAdmin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin may do this.' });
  }
  return next();
});

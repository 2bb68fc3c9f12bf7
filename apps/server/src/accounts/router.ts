import {
  changeEmailInput,
  changePasswordInput,
  linkTokenInput,
  loginInput,
  registerInput,
  requestLevelInput,
  requestPasswordResetInput,
  resetPasswordInput,
  revokeSessionInput,
} from '@rolegate/core';
import { authedProcedure, publicProcedure, router, signedInProcedure } from '../trpc.js';
import { changeEmail } from './change-email.js';
import { changePassword } from './change-password.js';
import { resendVerification, verifyEmail } from './email-verification.js';
import { requestPasswordReset, resetPassword } from './password-reset.js';
import { loadPublicUserOrThrow, toPublicUser } from './person.js';
import { registerUser } from './register.js';
import { requestLevel } from './request-level.js';
import { clearSessionCookie } from './session-cookie.js';
import { listSessions, revokeOtherSessions, revokeOwnSession } from './session-list.js';
import { revokeSession } from './sessions.js';
import { checkCredentials, startSession } from './sign-in.js';

const OK = { ok: true as const };

export const authRouter = router({
  // One statement writes the person, their session and any request; the answer needs no read.
  register: publicProcedure
    .input(registerInput)
    .mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx, input) })),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const user = await checkCredentials(ctx, input);
    await startSession(ctx, user.id);
    return { user: await loadPublicUserOrThrow(ctx.db, user.id) };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash !== null) await revokeSession(ctx.db, ctx.sessionTokenHash);
    clearSessionCookie(ctx);
    return OK;
  }),

  // Which levels an admin must approve (APPROVAL_REQUIRED_LEVELS, read once at start), so the
  // sign-up form can say what choosing each level means before anyone is signed in.
  accessPolicy: publicProcedure.query(({ ctx }) => ({
    approvalRequiredLevels: [...ctx.config.approvalRequiredLevels],
  })),

  // The session lookup already read the whole person: no second query on the app's busiest call.
  me: publicProcedure.query(({ ctx }) => ({
    user: ctx.user === null ? null : toPublicUser(ctx.user),
  })),

  // No session needed: the link may be opened in another browser; the token names the account.
  verifyEmail: publicProcedure
    .input(linkTokenInput)
    .mutation(async ({ ctx, input }) => ({ user: await verifyEmail(ctx, input.token) })),

  resendVerification: signedInProcedure.mutation(async ({ ctx }) => {
    await resendVerification(ctx);
    return OK;
  }),

  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset(ctx, input.email);
      return OK;
    }),

  resetPassword: publicProcedure
    .input(resetPasswordInput)
    .mutation(async ({ ctx, input }) => ({ user: await resetPassword(ctx, input) })),
});

export const accountRouter = router({
  requestLevel: authedProcedure.input(requestLevelInput).mutation(async ({ ctx, input }) => {
    await requestLevel(ctx, input);
    return { user: await loadPublicUserOrThrow(ctx.db, ctx.user.id) };
  }),

  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx, input);
    return OK;
  }),

  // Allowed before the address is verified: it is how a mistyped address is fixed.
  changeEmail: signedInProcedure.input(changeEmailInput).mutation(async ({ ctx, input }) => {
    await changeEmail(ctx, input);
    return OK;
  }),

  sessions: signedInProcedure.query(async ({ ctx }) => ({ sessions: await listSessions(ctx) })),

  revokeSession: signedInProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    await revokeOwnSession(ctx, input.sessionId);
    return OK;
  }),

  signOutEverywhere: signedInProcedure.mutation(async ({ ctx }) => {
    await revokeOtherSessions(ctx.db, ctx.user.id, ctx.sessionTokenHash);
    return OK;
  }),
});

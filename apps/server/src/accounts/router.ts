import { loginInput, registerInput, requestLevelInput } from '@rolegate/core';
import { toPublicUserView } from '../requests/views.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';
import { loadPublicUserOrThrow } from './public-user.js';
import { registerUser } from './register.js';
import { requestLevel } from './request-level.js';
import { clearSessionCookie } from './session-cookie.js';
import { revokeSession } from './sessions.js';
import { checkCredentials, startSession } from './sign-in.js';

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
    return { ok: true as const };
  }),

  // The session lookup already read the whole person: no second query on the app's busiest call.
  me: publicProcedure.query(({ ctx }) => ({
    user: ctx.user === null ? null : toPublicUserView(ctx.user),
  })),
});

export const accountRouter = router({
  requestLevel: authedProcedure.input(requestLevelInput).mutation(async ({ ctx, input }) => {
    await requestLevel(ctx, input);
    return { user: await loadPublicUserOrThrow(ctx.db, ctx.user.id) };
  }),
});

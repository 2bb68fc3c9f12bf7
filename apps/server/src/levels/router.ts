/**
 * Levels after the decision: admin.setLevel, admin.setAdmin and admin.user (merged into `admin` by
 * router.ts), account.withdrawRequest (merged into `account`).
 */
import { adminUserInput, setAdminInput, setLevelInput, withdrawRequestInput } from '@rolegate/core';
import { adminProcedure, authedProcedure, router } from '../trpc.js';
import { personForAdmin } from './person-history.js';
import { setAdmin } from './set-admin.js';
import { setLevel } from './set-level.js';
import { withdrawRequest } from './withdraw.js';

export const levelsAdminRouter = router({
  user: adminProcedure
    .input(adminUserInput)
    .query(({ ctx, input }) => personForAdmin(ctx.db, input.userId)),

  setLevel: adminProcedure
    .input(setLevelInput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction()
        .execute((trx) =>
          setLevel(trx, ctx.config, { ...input, adminId: ctx.user.id, now: ctx.now() }),
        ),
    ),

  setAdmin: adminProcedure
    .input(setAdminInput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction()
        .execute((trx) => setAdmin(trx, ctx.config, { ...input, admin: ctx.user, now: ctx.now() })),
    ),
});

export const levelsAccountRouter = router({
  withdrawRequest: authedProcedure
    .input(withdrawRequestInput)
    .mutation(({ ctx, input }) =>
      ctx.db
        .transaction()
        .execute((trx) =>
          withdrawRequest(trx, { userId: ctx.user.id, requestId: input.requestId, now: ctx.now() }),
        ),
    ),
});

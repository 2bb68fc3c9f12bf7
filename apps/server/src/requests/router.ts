import { adminRequestsInput, approveInput, denyInput } from '@rolegate/core';
import { adminProcedure, router } from '../trpc.js';
import { decideLevelRequest } from './decide.js';
import { listRequests } from './queries.js';
import { listUsersForAdmin } from './users.js';
import { toLevelRequestView } from './views.js';

/** admin.requests, admin.approve, admin.deny, admin.users: merged into `admin` by router.ts. */
export const requestsAdminRouter = router({
  requests: adminProcedure.input(adminRequestsInput).query(async ({ ctx, input }) => {
    const rows = await listRequests(ctx.db, {
      status: input?.status,
      onlyVerified: ctx.config.emailVerification === 'required',
    });
    return { requests: rows.map(toLevelRequestView) };
  }),

  approve: adminProcedure.input(approveInput).mutation(({ ctx, input }) =>
    ctx.db.transaction().execute((trx) =>
      decideLevelRequest(trx, ctx.config, {
        requestId: input.requestId,
        deciderId: ctx.user.id,
        decision: 'approved',
      }),
    ),
  ),

  deny: adminProcedure.input(denyInput).mutation(({ ctx, input }) =>
    ctx.db.transaction().execute((trx) =>
      decideLevelRequest(trx, ctx.config, {
        requestId: input.requestId,
        deciderId: ctx.user.id,
        decision: 'denied',
        denyReason: input.reason,
      }),
    ),
  ),

  users: adminProcedure.query(async ({ ctx }) => ({ users: await listUsersForAdmin(ctx.db) })),
});

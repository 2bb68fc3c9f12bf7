import {
  adminPage,
  adminRequestInput,
  adminRequestsInput,
  adminUsersInput,
  approveInput,
  denyInput,
  encodeCursor,
} from '@rolegate/core';
import type { SessionUser } from '../accounts/person.js';
import type { ContextInner } from '../context.js';
import { notFound } from '../entries/not-found.js';
import { adminProcedure, router } from '../trpc.js';
import { type DecideInput, type DecideResult, decideLevelRequest } from './decide.js';
import { findRequestRow, listRequests } from './queries.js';
import { listUsersForAdmin } from './users.js';
import { toLevelRequestView } from './views.js';

/** The signed-in admin decides, in one transaction, on the request's clock. */
function decideFromPanel(
  ctx: ContextInner & { user: SessionUser },
  decision: Omit<DecideInput, 'deciderId' | 'via' | 'now'>,
): Promise<DecideResult> {
  return ctx.db
    .transaction()
    .execute((trx) =>
      decideLevelRequest(trx, ctx.config, { ...decision, deciderId: ctx.user.id, now: ctx.now() }),
    );
}

/** admin.requests, admin.request, admin.approve, admin.deny, admin.users: merged into `admin` by router.ts. */
export const requestsAdminRouter = router({
  requests: adminProcedure.input(adminRequestsInput).query(async ({ ctx, input }) => {
    const onlyVerified = ctx.config.emailVerification === 'required';
    const { rows, next } = await listRequests(
      ctx.db,
      { status: input?.status, q: input?.q, onlyVerified },
      adminPage(input ?? {}),
    );
    return {
      requests: rows.map(toLevelRequestView),
      nextCursor: next ? encodeCursor(next) : null,
    };
  }),

  request: adminProcedure.input(adminRequestInput).query(async ({ ctx, input }) => {
    const row = await findRequestRow(ctx.db, input.requestId);
    if (!row) throw notFound('requestId', 'level request', input.requestId);
    return { request: toLevelRequestView(row) };
  }),

  approve: adminProcedure.input(approveInput).mutation(({ ctx, input }) =>
    decideFromPanel(ctx, {
      requestId: input.requestId,
      decision: 'approved',
      expiresAt: input.expiresAt,
    }),
  ),

  deny: adminProcedure.input(denyInput).mutation(({ ctx, input }) =>
    decideFromPanel(ctx, {
      requestId: input.requestId,
      decision: 'denied',
      denyReason: input.reason,
    }),
  ),

  users: adminProcedure.input(adminUsersInput).query(async ({ ctx, input }) => {
    const { users, next } = await listUsersForAdmin(
      ctx.db,
      { q: input?.q, role: input?.role },
      adminPage(input ?? {}),
    );
    return { users, nextCursor: next ? encodeCursor(next) : null };
  }),
});

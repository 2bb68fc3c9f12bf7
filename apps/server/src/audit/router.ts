import { adminAuditInput, adminPage, encodeCursor } from '@rolegate/core';
import { adminProcedure, router } from '../trpc.js';
import { listAudit } from './queries.js';
import { toAuditEntryViews } from './views.js';

/** admin.audit: merged into `admin` by router.ts. GET /admin/audit.csv is csv-route.ts. */
export const auditAdminRouter = router({
  audit: adminProcedure.input(adminAuditInput).query(async ({ ctx, input }) => {
    const { rows, next } = await listAudit(
      ctx.db,
      { action: input?.action, actorId: input?.actorId, subjectId: input?.subjectId },
      adminPage(input ?? {}),
    );
    return {
      entries: await toAuditEntryViews(ctx.db, rows),
      nextCursor: next ? encodeCursor(next) : null,
    };
  }),
});

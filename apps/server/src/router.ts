/**
 * The whole API (docs/api.md), mounted at /trpc. Each feature folder owns its router;
 * this file only puts them together.
 */
import { accountRouter, authRouter } from './accounts/router.js';
import { auditAdminRouter } from './audit/router.js';
import { decisionLinkRouter } from './decisions/router.js';
import { entriesRouter } from './entries/router.js';
import { levelsAccountRouter, levelsAdminRouter } from './levels/router.js';
import { notificationSettingsRouter } from './notifications/settings-router.js';
import { mailAdminRouter } from './outbox/admin-router.js';
import { accountRequestsRouter } from './requests/account-router.js';
import { requestsAdminRouter } from './requests/router.js';
import { mergeRouters, router } from './trpc.js';

// admin.* is assembled from feature routers so each owner keeps theirs in its own folder.
// requests/router.ts brings requests, approve, deny, users; outbox/admin-router.ts the mail ones;
// decisions/router.ts deciding from a mailed link; levels/router.ts setLevel, setAdmin, user;
// audit/router.ts the audit log.
const adminRouter = mergeRouters(
  requestsAdminRouter,
  mailAdminRouter,
  decisionLinkRouter,
  levelsAdminRouter,
  auditAdminRouter,
);

export const appRouter = router({
  auth: authRouter,
  account: mergeRouters(
    accountRouter,
    accountRequestsRouter,
    notificationSettingsRouter,
    levelsAccountRouter,
  ),
  admin: adminRouter,
  entries: entriesRouter,
});

export type AppRouter = typeof appRouter;

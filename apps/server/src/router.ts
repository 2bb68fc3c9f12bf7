/**
 * The whole API (DESIGN.md, "API contract"), mounted at /trpc. Each feature folder owns its router;
 * this file only puts them together.
 */
import { accountRouter, authRouter } from './accounts/router.js';
import { mailAdminRouter } from './outbox/admin-router.js';
import { mergeRouters, router } from './trpc.js';

// admin.* is assembled from three feature routers so each owner keeps theirs in its own folder.
// requests: add requestsAdminRouter (requests/router.ts) and usersAdminRouter; outbox: mailAdminRouter.
const adminRouter = mergeRouters(router({}), mailAdminRouter);

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  // requests: entries: entriesRouter (entries/router.ts),
});

export type AppRouter = typeof appRouter;

import { authedProcedure, router } from '../trpc.js';
import { selectRequestRows } from './queries.js';
import { toLevelRequestView } from './views.js';

/** How many of their own requests a person is shown: the latest decision is what matters. */
const OWN_REQUESTS_SHOWN = 20;

/** account.requests: merged into `account` by router.ts. */
export const accountRequestsRouter = router({
  // The person's own requests, newest first, with the admin's reason for a denial: the dashboard
  // shows the latest decision even to someone who was not looking when it was made.
  requests: authedProcedure.query(async ({ ctx }) => {
    const rows = await selectRequestRows(ctx.db)
      .where('r.userId', '=', ctx.user.id)
      .limit(OWN_REQUESTS_SHOWN)
      .execute();
    // Which admin decided, and their address, stay between the admins.
    return { requests: rows.map((row) => ({ ...toLevelRequestView(row), decidedBy: null })) };
  }),
});

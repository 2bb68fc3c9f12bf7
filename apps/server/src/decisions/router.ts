import { decideByLinkInput, decisionLinkInput } from '@rolegate/core';
import { publicProcedure, router } from '../trpc.js';
import { decideByLink, readDecisionLink } from './decide-by-link.js';

/**
 * admin.decisionLink, admin.decideByLink: merged into `admin` by router.ts. No session: the token
 * in the link is the credential, and it decides only as its own admin, only its own request. The
 * query only reads; only the mutation (a POST with APP_URL's Origin) decides.
 */
export const decisionLinkRouter = router({
  decisionLink: publicProcedure
    .input(decisionLinkInput)
    .query(({ ctx, input }) => readDecisionLink(ctx, input.token)),

  decideByLink: publicProcedure.input(decideByLinkInput).mutation(async ({ ctx, input }) => {
    const decided = await decideByLink(ctx, input);
    ctx.logger.info(
      {
        requestId: decided.request.id,
        decision: input.decision,
        by: decided.request.decidedBy?.id,
      },
      'level request decided from a mailed link',
    );
    return decided;
  }),
});

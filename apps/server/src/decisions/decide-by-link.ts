import type { DecideByLinkInput, DecisionLinkView } from '@rolegate/core';
import { linkExpired } from '../accounts/email-verification.js';
import type { ContextInner } from '../context.js';
import { type DecideResult, decideLevelRequest } from '../requests/decide.js';
import { findRequestRow } from '../requests/queries.js';
import { toLevelRequestView } from '../requests/views.js';
import { findLiveDecisionLink } from './links.js';

/**
 * What a decision link points at, for the page that asks to confirm: reading it changes nothing
 * (mail scanners open links). An unknown or expired token, or one whose admin is no longer an
 * admin, is the account links' one BAD_REQUEST on `token`.
 */
export async function readDecisionLink(
  ctx: ContextInner,
  token: string,
): Promise<DecisionLinkView> {
  const link = await findLiveDecisionLink(ctx.db, token, ctx.now());
  if (link === undefined) throw linkExpired();
  const row = await findRequestRow(ctx.db, link.requestId);
  if (row === undefined) throw linkExpired();
  return {
    request: toLevelRequestView(row),
    admin: { name: link.adminName, email: link.adminEmail },
    expiresAt: link.expiresAt.toISOString(),
  };
}

/**
 * Decides the link's request as the link's admin, through the panel's own code path: the same
 * rules (never one's own request), the same CONFLICT for a request already decided, the same mail
 * and audit row (marked `via: link`). The link is checked inside the transaction that decides.
 */
export async function decideByLink(
  ctx: ContextInner,
  input: DecideByLinkInput,
): Promise<DecideResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const link = await findLiveDecisionLink(trx, input.token, ctx.now());
    if (link === undefined) throw linkExpired();
    return decideLevelRequest(trx, ctx.config, {
      requestId: link.requestId,
      deciderId: link.adminId,
      decision: input.decision === 'approve' ? 'approved' : 'denied',
      denyReason: input.reason,
      via: 'link',
    });
  });
}

import { adminMailInput, mailCheckInput, retryMailInput } from '@rolegate/core';
import { deliversMail } from '@rolegate/mail';
import { TRPCError } from '@trpc/server';
import { adminRecipients } from '../notifications/level-request.js';
import { levelRequestsReachNobody } from '../notifications/level-request-audience.js';
import { adminProcedure, router } from '../trpc.js';
import {
  listOutboxMessages,
  retryFailedOutboxMessages,
  retryOutboxMessage,
} from './admin-queries.js';
import { checkMail } from './mail-check.js';
import { getMailStatus } from './status.js';

/** admin.mail, admin.retryMail, admin.retryAllMail, admin.mailCheck: the outbox and the mail diagnosis in the panel. */
export const mailAdminRouter = router({
  mail: adminProcedure.input(adminMailInput).query(async ({ ctx, input }) => {
    const [messages, status, requestsReachNobody] = await Promise.all([
      listOutboxMessages(ctx.db, { state: input?.state }),
      getMailStatus(ctx.db),
      levelRequestsReachNobody(ctx.db, ctx.config),
    ]);
    // `delivers` false: only the console, file, memory or dummy backend, so nobody receives mail.
    // `requestsReachNobody`: no ADMINS address and no admin account hears of level requests.
    return {
      messages,
      failing: status.failing,
      status,
      delivers: deliversMail(ctx.config.mail),
      requestsReachNobody,
    };
  }),

  retryMail: adminProcedure.input(retryMailInput).mutation(async ({ ctx, input }) => {
    const outcome = await retryOutboxMessage(ctx.db, input.id);
    if (outcome === 'not-found') {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `id: no outbox message has the id ${input.id}.`,
      });
    }
    if (outcome === 'already-sent') {
      throw new TRPCError({
        code: 'CONFLICT',
        message: 'This message was already sent; it is not sent twice.',
      });
    }
    if (outcome === 'in-flight') {
      throw new TRPCError({
        code: 'CONFLICT',
        message: 'A worker is sending this message right now.',
      });
    }
    ctx.logger.info({ outboxId: input.id, by: ctx.user.id }, 'admin queued a mail retry');
    const [message] = await listOutboxMessages(ctx.db, { id: input.id });
    return { message };
  }),

  retryAllMail: adminProcedure.mutation(async ({ ctx }) => {
    const queued = await retryFailedOutboxMessages(ctx.db);
    ctx.logger.info({ queued, by: ctx.user.id }, 'admin queued every failed mail again');
    return { queued };
  }),

  // A mutation: it opens network connections (and with sendTo sends mail), so it is never cached,
  // prefetched or run by a GET.
  mailCheck: adminProcedure.input(mailCheckInput).mutation(async ({ ctx, input }) => {
    const adminAccounts = await adminRecipients(ctx.db, ctx.config);
    return checkMail(ctx.config.mail, { sendTo: input?.sendTo, adminAccounts });
  }),
});

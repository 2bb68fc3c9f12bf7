import { setNotificationSettingsInput } from '@rolegate/core';
import { adminProcedure, router } from '../trpc.js';
import { levelRequestsReachNobody, NOBODY_HEARS_OF_REQUESTS } from './level-request-audience.js';
import { notificationSettingsOf, setLevelRequestMail } from './preferences.js';

/** account.notificationSettings, account.setNotificationSettings (admins): merged into `account`. */
export const notificationSettingsRouter = router({
  notificationSettings: adminProcedure.query(({ ctx }) =>
    notificationSettingsOf(ctx.db, ctx.user.id),
  ),

  setNotificationSettings: adminProcedure
    .input(setNotificationSettingsInput)
    .mutation(async ({ ctx, input }) => {
      const settings = await setLevelRequestMail(ctx.db, ctx.user.id, input.levelRequests);
      // The last admin who read requests turning them off leaves them reaching nobody: say so.
      if (input.levelRequests === 'off' && (await levelRequestsReachNobody(ctx.db, ctx.config))) {
        ctx.logger.warn(NOBODY_HEARS_OF_REQUESTS);
      }
      return settings;
    }),
});

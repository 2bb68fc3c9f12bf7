import type { LevelRequestMailChoice, NotificationSettings } from '@rolegate/core';
import type { Executor } from '@rolegate/db';

/** How an admin hears of level requests (account.notificationSettings). */
export async function notificationSettingsOf(
  db: Executor,
  userId: string,
): Promise<NotificationSettings> {
  const row = await db
    .selectFrom('users')
    .select('levelRequestMail')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { levelRequests: row.levelRequestMail };
}

export async function setLevelRequestMail(
  db: Executor,
  userId: string,
  levelRequests: LevelRequestMailChoice,
): Promise<NotificationSettings> {
  await db
    .updateTable('users')
    .set({ levelRequestMail: levelRequests })
    .where('id', '=', userId)
    .execute();
  return { levelRequests };
}

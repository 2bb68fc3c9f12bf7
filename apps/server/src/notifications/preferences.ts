import type { LevelRequestMailChoice, NotificationSettings } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { readMailPreference, writeMailPreference } from '../accounts/mail-preferences.js';

/** How an admin hears of level requests (account.notificationSettings). */
export async function notificationSettingsOf(
  db: Executor,
  userId: string,
): Promise<NotificationSettings> {
  return { levelRequests: await readMailPreference(db, userId, 'levelRequestMail') };
}

export async function setLevelRequestMail(
  db: Executor,
  userId: string,
  levelRequests: LevelRequestMailChoice,
): Promise<NotificationSettings> {
  await writeMailPreference(db, userId, 'levelRequestMail', levelRequests);
  return { levelRequests };
}

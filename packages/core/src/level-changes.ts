/**
 * Changing a level after the decision (docs/api.md, "Levels after the decision"): an admin sets any
 * level or the admin flag, a grant may end at a time, a person withdraws their own request.
 */
import { z } from 'zod';
import {
  expiresAtSchema,
  idSchema,
  levelSchema,
  reasonSchema,
  unknownKeyMessage,
} from './schemas.js';
import type { LevelRequestView, PublicUser } from './types.js';

export const setLevelInput = z.strictObject(
  {
    userId: idSchema('userId'),
    role: levelSchema,
    reason: reasonSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
  },
  { error: unknownKeyMessage },
);

export const setAdminInput = z.strictObject(
  {
    userId: idSchema('userId'),
    isAdmin: z.boolean({ error: 'isAdmin is true or false.' }),
  },
  { error: unknownKeyMessage },
);

export const adminUserInput = z.strictObject(
  { userId: idSchema('userId') },
  { error: unknownKeyMessage },
);

export const withdrawRequestInput = z.strictObject(
  { requestId: idSchema('requestId') },
  { error: unknownKeyMessage },
);

export type SetLevelInput = z.infer<typeof setLevelInput>;
export type SetAdminInput = z.infer<typeof setAdminInput>;

/** admin.user: one person with their request history, newest first. */
export interface AdminPersonView {
  user: PublicUser;
  requests: LevelRequestView[];
}

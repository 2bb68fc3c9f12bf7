/**
 * Deciding a level request from the admin's own link in their mail, and how each admin hears of
 * requests (docs/api.md, "Deciding from the mail"). Inputs the server checks and the web app reuses.
 */
import { z } from 'zod';
import {
  LEVEL_REQUEST_MAIL_CHOICES,
  type LevelRequestMailChoice,
  LINK_DECISIONS,
} from './choices.js';
import { linkTokenSchema, reasonSchema, unknownKeyMessage } from './schemas.js';
import type { LevelRequestView } from './types.js';

export const decisionLinkInput = z.strictObject(
  { token: linkTokenSchema },
  { error: unknownKeyMessage },
);

export const decideByLinkInput = z.strictObject(
  {
    token: linkTokenSchema,
    decision: z.enum(LINK_DECISIONS, { error: 'Choose approve or deny.' }),
    reason: reasonSchema.optional(),
  },
  { error: unknownKeyMessage },
);

export const setNotificationSettingsInput = z.strictObject(
  {
    levelRequests: z.enum(LEVEL_REQUEST_MAIL_CHOICES, {
      error: `Choose one of: ${LEVEL_REQUEST_MAIL_CHOICES.join(', ')}.`,
    }),
  },
  { error: unknownKeyMessage },
);

export type DecideByLinkInput = z.infer<typeof decideByLinkInput>;

export interface NotificationSettings {
  levelRequests: LevelRequestMailChoice;
}

/** What admin.decisionLink shows: the request, and the admin the link decides as. */
export interface DecisionLinkView {
  request: LevelRequestView;
  admin: { name: string; email: string };
  /** When the link stops working (ISO). */
  expiresAt: string;
}

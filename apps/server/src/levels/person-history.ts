import type { AdminPersonView } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { loadPublicUser } from '../accounts/person.js';
import { fieldError } from '../errors.js';
import { selectRequestRows } from '../requests/queries.js';
import { toLevelRequestView } from '../requests/views.js';

/** The newest requests shown on a person's page; older ones are in the audit log. */
const HISTORY_SHOWN = 50;

/** admin.user: the person and their requests, newest first. NOT_FOUND naming userId. */
export async function personForAdmin(db: Executor, userId: string): Promise<AdminPersonView> {
  const user = await loadPublicUser(db, userId);
  if (user === null) throw fieldError('NOT_FOUND', 'userId', `No account has the id ${userId}.`);
  const rows = await selectRequestRows(db)
    .where('r.userId', '=', userId)
    .limit(HISTORY_SHOWN)
    .execute();
  return { user, requests: rows.map(toLevelRequestView) };
}

/**
 * Who hears of a level request, and how. ADMINS, when set, says who (Django's mail_admins);
 * otherwise every admin account. An address that is an admin account's hears as that admin chose
 * (`each`: a mail per request with approve/deny links of their own; `daily`: the digest; `off`:
 * nothing); an ADMINS address with no admin account behind it gets each request with the panel link
 * only, since a decision must have an accountable admin behind it.
 */
import type { LevelRequestMailChoice } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import type { Address } from '@rolegate/mail';
import type { AppConfig } from '../env.js';

export interface AdminReader {
  id: string;
  /** Where their mail goes: their ADMINS entry when they have one, else their account. */
  address: Address;
}

export interface LevelRequestAudience {
  /** ADMINS addresses with no admin account: each request, the panel link only. */
  panelOnly: Address[];
  /** Admin accounts mailed each request (and its reminders), with links of their own. */
  each: AdminReader[];
  /** Admin accounts who read the daily digest instead. */
  daily: AdminReader[];
}

/**
 * The audience of requests made by `requesterId` (an admin never decides their own request, so
 * never gets its links), or of requests in general when it is undefined.
 */
export async function levelRequestAudience(
  db: Executor,
  config: Pick<AppConfig, 'mail'>,
  requesterId?: string,
): Promise<LevelRequestAudience> {
  const listed = config.mail.admins;
  let query = db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'levelRequestMail'])
    .where('isAdmin', '=', true)
    .orderBy('createdAt')
    .orderBy('id');
  if (listed.length > 0) {
    const emails = listed.map((address) => address.email.toLowerCase());
    query = query.where((eb) => eb(eb.fn('lower', ['email']), 'in', emails));
  }
  const accounts = await query.execute();
  const byEmail = new Map(accounts.map((account) => [account.email.toLowerCase(), account]));

  const audience: LevelRequestAudience = { panelOnly: [], each: [], daily: [] };
  const seen = new Set<string>();
  const add = (account: (typeof accounts)[number], address: Address) => {
    if (seen.has(account.id) || account.id === requesterId) return;
    seen.add(account.id);
    const bucket = bucketOf(audience, account.levelRequestMail);
    bucket?.push({ id: account.id, address });
  };
  if (listed.length === 0) {
    for (const account of accounts) add(account, { name: account.name, email: account.email });
    return audience;
  }
  for (const address of listed) {
    const account = byEmail.get(address.email.toLowerCase());
    if (account === undefined) audience.panelOnly.push(address);
    else add(account, address);
  }
  return audience;
}

function bucketOf(audience: LevelRequestAudience, choice: LevelRequestMailChoice) {
  if (choice === 'each') return audience.each;
  if (choice === 'daily') return audience.daily;
  return null;
}

export function reachesNobody(audience: LevelRequestAudience): boolean {
  return audience.panelOnly.length + audience.each.length + audience.daily.length === 0;
}

/** What the log, /healthz and the admin panel say when level requests would reach nobody. */
export const NOBODY_HEARS_OF_REQUESTS =
  'Level requests reach nobody: no ADMINS address and no admin account gets them by mail. Fix: set ADMINS to the address that should hear of them (like ADMINS=you@example.com), create an admin (rolegate create-admin, or ROLEGATE_ADMIN_EMAIL and ROLEGATE_ADMIN_PASSWORD), or have an admin choose "each" or "daily" for level requests under /account.';

/** True when a new request would reach nobody at all (the requests still wait in the panel). */
export async function levelRequestsReachNobody(
  db: Executor,
  config: Pick<AppConfig, 'mail'>,
): Promise<boolean> {
  return reachesNobody(await levelRequestAudience(db, config));
}

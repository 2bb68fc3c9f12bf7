/** What the fault cases share: a burst of power sign-ups, the mail banner, outbox waits. */
import type { Executor } from '@rolegate/db';
import {
  adminNotifications,
  applicantEmail,
  countByMessageId,
  duplicates,
  mapConcurrent,
  outcomeOf,
  type Person,
  type PersonOptions,
  requestNotifications,
  type Stack,
  signUpPower,
  waitFor,
} from '../harness/index.js';

export interface BurstResult {
  /** Outcome per sign-up, in order: 'ok', a tRPC code, or 'network'. */
  outcomes: string[];
  emails: string[];
  /** How many of each outcome. */
  counts: Record<string, number>;
}

/** `count` power sign-ups, `concurrency` at a time; `onResult` sees each as it lands. */
export async function powerBurst(
  options: () => PersonOptions,
  tag: string,
  count: number,
  { concurrency = 10, onResult }: { concurrency?: number; onResult?: (done: number) => void } = {},
): Promise<BurstResult> {
  const emails = Array.from({ length: count }, (_, i) => applicantEmail(tag, i));
  let done = 0;
  const outcomes = await mapConcurrent(emails, concurrency, async (email) => {
    const outcome = await outcomeOf(signUpPower(options(), email));
    done += 1;
    onResult?.(done);
    return outcome;
  });
  return { outcomes, emails, counts: tally(outcomes) };
}

export function tally(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort()
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

export interface Banner {
  /** admin.mail's `failing`: the banner on every admin page. */
  failing: boolean;
  /** /healthz's `mail`. */
  healthz: string;
}

export async function mailBanner(stack: Stack, admin: Person): Promise<Banner> {
  const { failing } = await admin.trpc.admin.mail.query();
  const response = await fetch(`${stack.servers[0]?.url}/healthz`);
  const body = (await response.json()) as { mail?: string };
  return { failing, healthz: body.mail ?? `(${response.status})` };
}

/** Waits until the banner shows `failing` on both the admin panel and /healthz. */
export function waitForBanner(stack: Stack, admin: Person, failing: boolean, timeoutMs = 30_000) {
  return waitFor(
    `the mail banner to be ${failing ? 'raised' : 'cleared'}`,
    async () => {
      const banner = await mailBanner(stack, admin);
      const healthz = failing ? 'degraded' : 'ok';
      return banner.failing === failing && banner.healthz === healthz ? banner : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/** Waits until every admin notification in the outbox is in `state` (and there are `count`). */
export function waitForNotifications(
  db: Executor,
  count: number,
  state: 'sent' | 'failed',
  timeoutMs = 60_000,
) {
  return waitFor(
    `${count} admin notifications ${state}`,
    async () => {
      const rows = await requestNotifications(db);
      return rows.length === count && rows.every((row) => row.state === state) ? rows : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

export interface DeliveryCheck {
  /** Distinct Message-IDs of admin notifications the SMTP server received. */
  distinct: number;
  /** Every admin notification received, resends included. */
  received: number;
  /** Message-IDs received more than once. */
  duplicated: string[];
  /** Message-IDs in the outbox that never arrived. */
  missing: string[];
  /** Message-IDs that arrived but belong to no request. */
  unknown: string[];
}

/** Compares what the SMTP server received with the outbox's Message-IDs, one per request. */
export async function checkDeliveries(stack: Stack, db: Executor): Promise<DeliveryCheck> {
  const expected = new Set(
    (await requestNotifications(db)).map((row) => row.messageId).filter((id) => id !== null),
  );
  const received = adminNotifications(stack.smtp);
  const counts = countByMessageId(received);
  return {
    distinct: counts.size,
    received: received.length,
    duplicated: duplicates(counts),
    missing: [...expected].filter((id) => !counts.has(id)),
    unknown: [...counts.keys()].filter((id) => !expected.has(id)),
  };
}

/**
 * One SMTP fault during a burst of power sign-ups, then recovery: the shape every case in
 * smtp-*.test.ts shares. Temporary faults (4xx, network) are ridden out by the outbox's retries;
 * permanent ones (5xx) fail the messages at once, and an admin sends them again once fixed.
 */
import type { SmtpFaults, StartSmtpServerOptions } from '@rolegate/mail/testing';
import { expect } from 'vitest';
import {
  type Figures,
  type Person,
  requestNotifications,
  type Stack,
  signInAdmin,
  startStack,
  waitFor,
} from '../harness/index.js';
import {
  checkDeliveries,
  formatCounts,
  powerBurst,
  waitForBanner,
  waitForNotifications,
} from './support.js';

export const BURST = 30;

export interface FaultCase {
  tag: string;
  faults: SmtpFaults;
  smtp?: Omit<StartSmtpServerOptions, 'faults'>;
  env?: Record<string, string>;
}

async function withStack(fault: FaultCase, body: (stack: Stack, admin: Person) => Promise<void>) {
  const stack = await startStack({ smtp: { ...fault.smtp, faults: fault.faults }, env: fault.env });
  try {
    const admin = await signInAdmin(stack.personOptions());
    await body(stack, admin);
  } finally {
    await stack.stop();
  }
}

async function burst(stack: Stack, tag: string, figures: Figures) {
  const result = await powerBurst(() => stack.personOptions(), tag, BURST);
  figures.signUps = formatCounts(result.counts);
  // Mail never happens inside a request: a broken SMTP server costs no sign-up.
  expect(result.counts).toEqual({ ok: BURST });
}

async function expectDeliveredOnce(stack: Stack, figures: Figures) {
  const db = await stack.database.db();
  const started = Date.now();
  await waitForNotifications(db, BURST, 'sent', 60_000);
  figures.deliveredAfterRecoveryS = ((Date.now() - started) / 1000).toFixed(1);
  const check = await checkDeliveries(stack, db);
  figures.delivered = check.distinct;
  figures.duplicates = check.duplicated.length;
  expect(check).toEqual({
    distinct: BURST,
    received: BURST,
    duplicated: [],
    missing: [],
    unknown: [],
  });
}

async function attemptFigures(stack: Stack, figures: Figures) {
  const db = await stack.database.db();
  const rows = await db.selectFrom('mailOutbox').select('attempts').execute();
  figures.retried = rows.filter((row) => row.attempts > 1).length;
  figures.maxAttempts = Math.max(...rows.map((row) => row.attempts));
}

/**
 * A temporary fault: the messages wait for retries while it lasts (the banner is raised), and
 * once it clears every notification arrives exactly once and the banner clears by itself.
 * `faultedBeforeRecovery`: how many messages must have met the fault before it is lifted.
 */
export async function temporaryFaultCase(
  fault: FaultCase,
  faultedBeforeRecovery: number,
  figures: Figures,
) {
  await withStack(fault, async (stack, admin) => {
    await burst(stack, fault.tag, figures);
    const db = await stack.database.db();
    await waitFor(
      `${faultedBeforeRecovery} messages to meet the fault`,
      async () => {
        const rows = await requestNotifications(db);
        const faulted = rows.filter((row) => row.lastError !== null);
        return faulted.length >= faultedBeforeRecovery ? faulted : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 100 },
    );
    const raised = await waitForBanner(stack, admin, true);
    figures.bannerRaised = `${raised.failing}/${raised.healthz}`;
    const failedOnes = await admin.trpc.admin.mail.query({ state: 'failed' });
    // A temporary fault never gives up on a message this early.
    expect(failedOnes.messages).toEqual([]);

    stack.smtp.setFaults({});
    await expectDeliveredOnce(stack, figures);
    const cleared = await waitForBanner(stack, admin, false);
    figures.bannerCleared = `${!cleared.failing}/${cleared.healthz}`;
    await attemptFigures(stack, figures);
  });
}

/**
 * A permanent fault: every message fails at once with the server's reply shown in admin.mail,
 * the banner is raised; after the fix the admin retries each one from the panel, every
 * notification arrives exactly once and the banner clears.
 */
export async function permanentFaultCase(fault: FaultCase, reason: RegExp, figures: Figures) {
  await withStack(fault, async (stack, admin) => {
    await burst(stack, fault.tag, figures);
    const db = await stack.database.db();
    await waitForNotifications(db, BURST, 'failed', 30_000);
    const { messages } = await admin.trpc.admin.mail.query({ state: 'failed' });
    expect(messages).toHaveLength(BURST);
    for (const message of messages) expect(message.lastError).toMatch(reason);
    figures.shownInAdminMail = messages.length;
    figures.reason = messages[0]?.lastError ?? '';
    const raised = await waitForBanner(stack, admin, true);
    figures.bannerRaised = `${raised.failing}/${raised.healthz}`;

    stack.smtp.setFaults({});
    for (const message of messages) await admin.trpc.admin.retryMail.mutate({ id: message.id });
    await expectDeliveredOnce(stack, figures);
    const cleared = await waitForBanner(stack, admin, false);
    figures.bannerCleared = `${!cleared.failing}/${cleared.healthz}`;
    await attemptFigures(stack, figures);
  });
}

import type { Executor, OutboxMessage } from '@rolegate/db';
import {
  classifyDeliveryError,
  EmailMessage,
  type MailConnection,
  type MailSettings,
} from '@rolegate/mail';
import type { Logger } from 'pino';
import { attemptsExhausted, type RetryPolicy, retryDelayMs } from './backoff.js';
import { markFailed, markSent, scheduleRetry } from './outcomes.js';

export interface DeliveryContext {
  db: Executor;
  logger: Logger;
  settings: MailSettings;
  policy: RetryPolicy;
  random: () => number;
  /** Rows this worker sent but could not mark sent; a later claim records them without sending. */
  deliveredUnrecorded: Set<string>;
}

/** `lost`: the claim expired and another worker owns the row now; this outcome was not recorded. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'lost';

/**
 * Sends one claimed row and records what happened: sent; a temporary failure (4xx, network) retried
 * after a backoff until the attempts run out; a permanent one (5xx, a broken row) failed at once,
 * with the server's reply as the last error. Logs ids and outcomes, never the message's content.
 */
export async function deliverClaimed(
  context: DeliveryContext,
  connection: MailConnection,
  row: OutboxMessage,
): Promise<DeliveryOutcome> {
  const { db, policy } = context;
  const log = context.logger.child({
    outboxId: row.id,
    idempotencyKey: row.idempotencyKey,
    attempt: row.attempts,
  });

  if (!context.deliveredUnrecorded.has(row.id)) {
    let message: EmailMessage;
    try {
      message = EmailMessage.fromJSON(row.message, context.settings);
    } catch (error) {
      const reason = `The stored message cannot be sent: ${errorText(error)}`;
      log.error({ reason }, 'outbox message is broken; marked failed');
      return recorded(await markFailed(db, row, reason), 'failed', log);
    }

    try {
      await connection.open();
      const sent = await connection.sendMessages([message]);
      if (sent === 0) {
        const reason = 'The message has no recipients.';
        log.error({ reason }, 'outbox message failed');
        return recorded(await markFailed(db, row, reason), 'failed', log);
      }
    } catch (error) {
      const verdict = classifyDeliveryError(error);
      if (verdict.kind === 'permanent') {
        log.error({ reason: verdict.reason }, 'mail refused permanently; marked failed');
        return recorded(await markFailed(db, row, verdict.reason), 'failed', log);
      }
      if (attemptsExhausted(row.attempts, policy)) {
        const reason = `Gave up after ${row.attempts} attempts. Last error: ${verdict.reason}`;
        log.error({ reason }, 'mail kept failing; marked failed');
        return recorded(await markFailed(db, row, reason), 'failed', log);
      }
      const delayMs = retryDelayMs(row.attempts, policy, context.random);
      log.warn({ reason: verdict.reason, retryInMs: delayMs }, 'mail failed for now; will retry');
      return recorded(await scheduleRetry(db, row, delayMs, verdict.reason), 'retry', log);
    }
  }

  try {
    const done = await markSent(db, row);
    context.deliveredUnrecorded.delete(row.id);
    log.info('mail sent');
    return recorded(done, 'sent', log);
  } catch (error) {
    // The message is out: the worker records it once the database answers again, and should it
    // claim the row again meanwhile (the lease ran out), it records it rather than send it again.
    context.deliveredUnrecorded.add(row.id);
    throw error;
  }
}

function recorded(updated: boolean, outcome: DeliveryOutcome, log: Logger): DeliveryOutcome {
  if (updated) return outcome;
  log.warn({ outcome }, 'outbox claim expired before the outcome was recorded');
  return 'lost';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { OutboxMessage } from '@rolegate/db';
import {
  classifyDeliveryError,
  EmailMessage,
  type MailConnection,
  type MailSettings,
} from '@rolegate/mail';
import type { Logger } from 'pino';
import { attemptsExhausted, type RetryPolicy, retryDelayMs } from './backoff.js';
import type { Outcome } from './outcomes.js';
import type { OutcomeRecorder } from './recorder.js';

export interface DeliveryContext {
  logger: Logger;
  settings: MailSettings;
  policy: RetryPolicy;
  random: () => number;
  /** Writes outcomes, several sessions' in one statement. */
  recorder: OutcomeRecorder;
  /** Rows this worker sent but could not mark sent; a later claim records them without sending. */
  deliveredUnrecorded: Set<string>;
}

/** `lost`: the claim expired and another worker owns the row now; this outcome was not recorded. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'lost';

/**
 * Sends one claimed row and records what happened: sent; a temporary failure (4xx, network) retried
 * after a backoff until the attempts run out; a permanent one (5xx, a broken row) failed at once,
 * with the server's reply as the last error. Resolves once the outcome is committed, so a session
 * never starts its next message with this one unrecorded. Logs failures with the row's id, never
 * the message's content; a sent message is logged at debug level (the worker logs each batch).
 */
export async function deliverClaimed(
  context: DeliveryContext,
  connectionFor: ConnectionFor,
  row: OutboxMessage,
): Promise<DeliveryOutcome> {
  const outcome = await attempt(context, connectionFor, row);
  let recorded: boolean;
  try {
    recorded = await context.recorder.record(row, outcome);
  } catch (error) {
    // The message is out: the worker records it once the database answers again, and should it
    // claim the row again meanwhile (the lease ran out), it records it rather than send it again.
    if (outcome.kind === 'sent') context.deliveredUnrecorded.add(row.id);
    throw error;
  }
  if (outcome.kind === 'sent') context.deliveredUnrecorded.delete(row.id);
  if (!recorded) {
    context.logger.warn(
      { ...rowFields(row), outcome: outcome.kind },
      'outbox claim expired before the outcome was recorded',
    );
    return 'lost';
  }
  if (outcome.kind === 'sent') context.logger.debug(rowFields(row), 'mail sent');
  return outcome.kind;
}

/**
 * The connection to the mailer a row names (its `mailer` column). Throws UnknownMailerError when
 * the settings no longer have it: a temporary failure, so the row waits for the settings.
 */
export type ConnectionFor = (mailer: string) => MailConnection;

/** Sends the row (unless it went out already) and says how that ended; touches no database. */
async function attempt(
  context: DeliveryContext,
  connectionFor: ConnectionFor,
  row: OutboxMessage,
): Promise<Outcome> {
  if (context.deliveredUnrecorded.has(row.id)) return { kind: 'sent' };
  const { policy, logger } = context;

  let message: EmailMessage;
  try {
    message = EmailMessage.fromJSON(row.message, context.settings);
  } catch (error) {
    const reason = `The stored message cannot be sent: ${errorText(error)}`;
    logger.error({ ...rowFields(row), reason }, 'outbox message is broken; marked failed');
    return { kind: 'failed', error: reason };
  }

  try {
    const connection = connectionFor(row.mailer);
    await connection.open();
    const sent = await connection.sendMessages([message]);
    if (sent > 0) return { kind: 'sent' };
    const reason = 'The message has no recipients.';
    logger.error({ ...rowFields(row), reason }, 'outbox message failed');
    return { kind: 'failed', error: reason };
  } catch (error) {
    const verdict = classifyDeliveryError(error);
    const fields = { ...rowFields(row), reason: verdict.reason };
    if (verdict.kind === 'permanent') {
      logger.error(fields, 'mail refused permanently; marked failed');
      return { kind: 'failed', error: verdict.reason };
    }
    if (attemptsExhausted(row.attempts, policy)) {
      const reason = `Gave up after ${row.attempts} attempts. Last error: ${verdict.reason}`;
      logger.error({ ...fields, reason }, 'mail kept failing; marked failed');
      return { kind: 'failed', error: reason };
    }
    const delayMs = retryDelayMs(row.attempts, policy, context.random);
    logger.warn({ ...fields, retryInMs: delayMs }, 'mail failed for now; will retry');
    return { kind: 'retry', delayMs, error: verdict.reason };
  }
}

function rowFields(row: OutboxMessage) {
  return { outboxId: row.id, idempotencyKey: row.idempotencyKey, attempt: row.attempts };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

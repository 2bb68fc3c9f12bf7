import { claimDueMessages, type Executor, type OutboxMessage } from '@rolegate/db';
import { getConnection, type MailConnection, type MailSettings } from '@rolegate/mail';
import type { Logger } from 'pino';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import type { DeliveryOutcome } from './deliver.js';
import { listenForNewMail } from './listener.js';
import { outcomeRecorder } from './recorder.js';
import { worstSendTimeoutMs } from './send-timeout.js';
import { type Lane, sessionLanes } from './session-lanes.js';
import { unfinishedClaims } from './unfinished.js';
import { wakeUp } from './wake-up.js';

export interface OutboxWorkerOptions {
  db: Executor;
  /** `databaseUrl` decides how new mail wakes the worker (listener.ts); `mail` how to send. */
  config: { databaseUrl: string | undefined; mail: MailSettings };
  logger: Logger;
  /**
   * Opens a connection to a mailer (a MAILERS name) that rows naming it are sent through; default:
   * that mailer's transport + failover from the settings, never failing silently. Throws
   * UnknownMailerError for a name the settings do not have.
   */
  connectionFactory?: (mailer: string) => MailConnection;
  retryPolicy?: Partial<RetryPolicy>;
  /** Messages claimed at once (default 100). */
  batchSize?: number;
  /** How long a claim holds before another worker may take the row (default ≥ 60 s). */
  leaseMs?: number;
  /** How often to look for due mail without a notification (default 1 s). */
  pollIntervalMs?: number;
  /** For the retry jitter; tests pin it. */
  random?: () => number;
}

export interface OutboxWorker {
  /** Look for due mail now instead of at the next poll. */
  wake(): void;
  /** Finishes the message being sent, hands the rest of the batch back, then resolves. */
  stop(): Promise<void>;
}

const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_POLL_MS = 1_000;
const MIN_LEASE_MS = 60_000;
/** After this many failures in a row to reach the database, stop waiting longer between tries. */
const MAX_ERROR_WAIT_MS = 30_000;

/**
 * Delivers the outbox: claims due rows (FOR UPDATE SKIP LOCKED, so any number of workers share
 * one table), sends them through a few SMTP sessions kept open while mail keeps coming, and
 * records each outcome. Runs until stop(); one batch at a time, and each row of a batch goes to one
 * session, so this worker never has one row in flight twice.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, config, logger } = options;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
  // One send takes at most about three timeouts (connect, greeting, reply); start no send that
  // could outlive the lease, or another worker might claim the row while it is on the wire.
  const sendBudgetMs = 3 * worstSendTimeoutMs(config.mail);
  const leaseMs = options.leaseMs ?? Math.max(MIN_LEASE_MS, 2 * sendBudgetMs);
  // failSilently: false whatever the mailer's fail_silently says: a swallowed error would be
  // recorded as a message without recipients.
  const connectionFactory =
    options.connectionFactory ??
    ((mailer: string) =>
      getConnection(undefined, { settings: config.mail, using: mailer, failSilently: false }));
  const random = options.random ?? Math.random;
  /** Claimed rows not finished with the database: settled as soon as it answers again. */
  const unfinished = unfinishedClaims();

  let stopping = false;
  const wakeUps = wakeUp();
  const lanes = sessionLanes({
    delivery: {
      logger,
      recorder: outcomeRecorder(db),
      policy,
      random,
      deliveredUnrecorded: unfinished.delivered,
      settings: config.mail,
    },
    connectionFactory,
    logger,
  });

  /** Settles what an earlier batch left unfinished; throws while the database is still down. */
  const settleUnfinished = async () => {
    if (unfinished.size === 0) return;
    const settled = await unfinished.settle(db);
    logger.info(settled, 'outbox worker settled the claims it left unfinished');
  };

  const runBatch = async (): Promise<number> => {
    // Before claiming: rows handed back now are due at once, for this claim or another worker's.
    await settleUnfinished();
    const rows = await claimDueMessages(db, { limit: batchSize, leaseMs });
    if (rows.length === 0) return 0;
    const startedAt = Date.now();
    const outcomes: Record<DeliveryOutcome, string[]> = {
      sent: [],
      retry: [],
      failed: [],
      lost: [],
    };
    const deadline = Date.now() + leaseMs - sendBudgetMs;
    let next = 0;
    let databaseFailed = false;
    // The first message always goes, so even a lease shorter than a send makes progress.
    const take = (): OutboxMessage | undefined =>
      next >= rows.length || stopping || databaseFailed || (next > 0 && Date.now() > deadline)
        ? undefined
        : rows[next++];
    const runLane = async (lane: Lane) => {
      for (let row = take(); row !== undefined; row = take()) {
        try {
          outcomes[await lanes.send(lane, row)].push(row.id);
        } catch (error) {
          // Only the database throws here (SMTP errors are outcomes): end the batch. A sent row
          // is recorded later, never resent; any other goes back as if never tried.
          databaseFailed = true;
          if (unfinished.delivered.has(row.id)) unfinished.recordSentLater(row);
          else unfinished.handBack([row]);
          throw error;
        }
      }
    };
    const results = await Promise.allSettled(lanes.forBatch(rows.length).map(runLane));
    // Rows no lane took (stopping, the lease running out, the database lost) go back uncounted.
    unfinished.handBack(rows.slice(next));
    // One line a batch rather than one a message: at hundreds a second the log writes alone took a
    // tenth of the worker's CPU. Failures are logged one by one as they happen (deliver.ts).
    logger.info(
      {
        sent: outcomes.sent.length,
        retry: outcomes.retry.length,
        failed: outcomes.failed.length,
        lost: outcomes.lost.length,
        handedBack: rows.length - next,
        ms: Date.now() - startedAt,
        outboxIds: outcomes.sent,
      },
      'outbox batch sent',
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await settleUnfinished();
    return rows.length;
  };

  const loop = async () => {
    let failuresInARow = 0;
    while (!stopping) {
      wakeUps.clear();
      try {
        const claimed = await runBatch();
        failuresInARow = 0;
        // A full batch means more may be due: go again at once, on the same connection.
        if (claimed === batchSize) continue;
        // Mail queued during the batch has waited a batch already, its company gathered meanwhile:
        // claim it at once (the 20 ms more were a tenth of row 8's sign-up-to-inbox time).
        if (wakeUps.pending) continue;
        // Mail that trickles in (a sign-up at a time) keeps the sessions open, and what arrives in
        // the next moment joins one claim: a wake-up per message cost a claim and a new SMTP
        // session each (`pnpm bench`, row 2). Sessions close once no mail came for a poll interval.
        if (await wakeUps.idle(pollIntervalMs)) await wakeUps.gather();
        else await lanes.closeAll();
      } catch (error) {
        await lanes.closeAll();
        failuresInARow += 1;
        const waitMs = Math.min(pollIntervalMs * 2 ** failuresInARow, MAX_ERROR_WAIT_MS);
        logger.error(
          { err: error, retryInMs: waitMs, unfinished: unfinished.size },
          'outbox worker lost the database; unfinished claims are settled when it answers',
        );
        await wakeUps.idle(waitMs);
      }
    }
  };

  const listener = listenForNewMail(db, config.databaseUrl, logger, wakeUps.wake);
  logger.info({ batchSize, leaseMs, pollIntervalMs }, 'outbox worker started');
  const running = loop();

  return {
    wake: wakeUps.wake,
    async stop() {
      stopping = true;
      wakeUps.stop();
      await running;
      await lanes.closeAll();
      // One try to give back what a database failure left claimed; else its lease frees it.
      await settleUnfinished().catch((error: unknown) =>
        logger.warn({ err: error, unfinished: unfinished.size }, 'outbox claims left to lease'),
      );
      await listener.close();
      logger.info('outbox worker stopped');
    },
  };
}

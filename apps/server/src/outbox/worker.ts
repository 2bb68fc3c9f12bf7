import {
  claimDueMessages,
  type Executor,
  type OutboxMessage,
  parseDatabaseUrl,
} from '@rolegate/db';
import {
  getConnection,
  type MailConnection,
  type MailSettings,
  mailerNames,
  mailerSettings,
} from '@rolegate/mail';
import type { Logger } from 'pino';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { type DeliveryOutcome, deliverClaimed } from './deliver.js';
import { listenForOutboxMail, type OutboxListener } from './listener.js';
import { outcomeRecorder } from './recorder.js';
import { unfinishedClaims } from './unfinished.js';

export interface OutboxWorkerOptions {
  db: Executor;
  /** `databaseUrl` decides LISTEN (Postgres) or polling only (PGlite); `mail` how to send. */
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
/** How long a wake-up waits for more mail before claiming: unnoticeable in an inbox. */
const GATHER_MS = 20;
const MIN_LEASE_MS = 60_000;
/** SMTP sessions one worker sends through at once, at most; nodemailer's pool allows 5. */
const MAX_CONNECTIONS = 4;
/** A batch opens another session only for this many more messages: a few go through one. */
const MIN_MESSAGES_PER_LANE = 5;
/** As nodemailer's pool (maxMessages): servers often refuse more mail on one session. */
const MESSAGES_PER_CONNECTION = 100;

/** One SMTP session of the worker and how many messages it has carried. */
interface Session {
  connection: MailConnection;
  sent: number;
}
/** One of the worker's parallel senders: a session per mailer its rows named. */
interface Lane {
  sessions: Map<string, Session>;
}
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
  let wakeRequested = false;
  let interruptIdle: (() => void) | null = null;
  let interruptGather: (() => void) | null = null;

  const wake = () => {
    wakeRequested = true;
    interruptIdle?.();
  };

  /** Waits `ms`, unless `interrupt` (handed the function that ends the wait) is used first. */
  const pause = (ms: number, interrupt: (end: (() => void) | null) => void) =>
    new Promise<boolean>((resolve) => {
      const finish = (early: boolean) => {
        clearTimeout(timer);
        interrupt(null);
        resolve(early);
      };
      const timer = setTimeout(() => finish(false), ms);
      interrupt(() => finish(true));
    });
  /** Waits `ms` or until woken (new mail, stop()); says whether it was woken. */
  const idle = async (ms: number) =>
    wakeRequested || stopping || (await pause(ms, (end) => (interruptIdle = end)));
  /** A short wait after a wake-up; more wake-ups do not end it, stop() does. */
  const gather = async () => {
    if (!stopping) await pause(GATHER_MS, (end) => (interruptGather = end));
  };

  // SMTP sessions outlive a batch while more mail is due: a new session costs a TCP (and TLS)
  // handshake and AUTH, often more than the message itself. A full batch is spread over up to
  // MAX_CONNECTIONS sessions at once, since one session spends most of its time waiting for
  // replies. Sessions close once no mail came for a poll interval, and are renewed every
  // MESSAGES_PER_CONNECTION messages, since many servers cap the mail of one session.
  const lanes: Lane[] = [];
  const closeConnections = async () => {
    const open = lanes
      .splice(0)
      .flatMap((lane) => [...lane.sessions.values()].map((session) => session.connection));
    await Promise.all(open.map((connection) => closeQuietly(connection, logger)));
  };
  const delivery = {
    logger,
    recorder: outcomeRecorder(db),
    policy,
    random,
    deliveredUnrecorded: unfinished.delivered,
    settings: config.mail,
  };

  const sendOn = async (lane: Lane, row: OutboxMessage): Promise<DeliveryOutcome> => {
    const connectionFor = (mailer: string) => {
      let session = lane.sessions.get(mailer);
      if (session === undefined) {
        session = { connection: connectionFactory(mailer), sent: 0 };
        lane.sessions.set(mailer, session);
      }
      return session.connection;
    };
    const outcome = await deliverClaimed(delivery, connectionFor, row);
    const session = lane.sessions.get(row.mailer);
    if (session === undefined) return outcome;
    session.sent += 1;
    // A failed send may leave the session in any state: the next message gets a fresh one.
    if (outcome !== 'sent' || session.sent >= MESSAGES_PER_CONNECTION) {
      lane.sessions.delete(row.mailer);
      await closeQuietly(session.connection, logger);
    }
    return outcome;
  };

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
          outcomes[await sendOn(lane, row)].push(row.id);
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
    const laneCount = Math.min(MAX_CONNECTIONS, Math.ceil(rows.length / MIN_MESSAGES_PER_LANE));
    while (lanes.length < laneCount) lanes.push({ sessions: new Map() });
    const results = await Promise.allSettled(lanes.slice(0, laneCount).map(runLane));
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
      wakeRequested = false;
      try {
        const claimed = await runBatch();
        failuresInARow = 0;
        // A full batch means more may be due: go again at once, on the same connection.
        if (claimed === batchSize) continue;
        // Mail that trickles in (a sign-up at a time) keeps the sessions open, and what arrives in
        // the next moment joins one claim: a wake-up per message cost a claim and a new SMTP
        // session each (`pnpm bench`, row 2). Sessions close once no mail came for a poll interval.
        if (await idle(pollIntervalMs)) await gather();
        else await closeConnections();
      } catch (error) {
        await closeConnections();
        failuresInARow += 1;
        const waitMs = Math.min(pollIntervalMs * 2 ** failuresInARow, MAX_ERROR_WAIT_MS);
        logger.error(
          { err: error, retryInMs: waitMs, unfinished: unfinished.size },
          'outbox worker lost the database; unfinished claims are settled when it answers',
        );
        await idle(waitMs);
      }
    }
  };

  const listener = startListener(config.databaseUrl, logger, wake);
  logger.info(
    { batchSize, leaseMs, pollIntervalMs, listen: listener !== null },
    'outbox worker started',
  );
  const running = loop();

  return {
    wake,
    async stop() {
      stopping = true;
      interruptIdle?.();
      interruptGather?.();
      await running;
      await closeConnections();
      // One try to give back what a database failure left claimed; else its lease frees it.
      await settleUnfinished().catch((error: unknown) =>
        logger.warn({ err: error, unfinished: unfinished.size }, 'outbox claims left to lease'),
      );
      await listener?.close();
      logger.info('outbox worker stopped');
    },
  };
}

function startListener(
  databaseUrl: string | undefined,
  logger: Logger,
  onNotify: () => void,
): OutboxListener | null {
  const target = parseDatabaseUrl(databaseUrl);
  // PGlite lives in this process with one connection: there is nobody to LISTEN to; poll.
  if (target.dialect !== 'postgres') return null;
  return listenForOutboxMail({ connectionString: target.url, logger, onNotify });
}

async function closeQuietly(connection: MailConnection, logger: Logger): Promise<void> {
  try {
    await connection.close();
  } catch (error) {
    logger.debug({ err: error }, 'closing the mail connection failed');
  }
}

/** The longest one message can take with any mailer: failover tries its transports in turn. */
function worstSendTimeoutMs(settings: MailSettings): number {
  const perMailer = mailerNames(settings).map((name) => {
    const { transport, failover } = mailerSettings(settings, name);
    return [transport, ...failover]
      .map((each) => (each.backend === 'smtp' ? each.timeoutMs : 0))
      .reduce((sum, ms) => sum + ms, 0);
  });
  return Math.max(1_000, ...perMailer);
}

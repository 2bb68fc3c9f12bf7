import { type Executor, listenInProcess, parseDatabaseUrl } from '@rolegate/db';
import pg from 'pg';
import type { Logger } from 'pino';

/** The channel queueMail notifies (pg_notify) and workers LISTEN on. */
export const OUTBOX_CHANNEL = 'rolegate_outbox';

export interface OutboxListener {
  /** True while the LISTEN connection is up. */
  readonly listening: boolean;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * Keeps one dedicated Postgres connection LISTENing on the outbox channel — a pooled connection
 * would lose the LISTEN when the pool hands it to someone else. Calls `onNotify` for each
 * notification, and once after every (re)connect because messages may have been queued while the
 * connection was down. When the connection drops it reconnects with backoff (0.5 s doubling to
 * 30 s); the worker's polling covers the gap.
 */
export function listenForOutboxMail(options: {
  connectionString: string;
  logger: Logger;
  onNotify: () => void;
}): OutboxListener {
  const { connectionString, logger, onNotify } = options;
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> = Promise.resolve();

  const scheduleReconnect = () => {
    if (closed || retryTimer !== undefined) return;
    logger.warn({ retryInMs: retryMs }, 'outbox LISTEN connection lost; polling until it is back');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connecting = connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  const connect = async () => {
    if (closed) return;
    const candidate = new pg.Client({
      connectionString,
      application_name: 'rolegate-outbox-listener',
      // Notices a peer that vanished without closing the socket (a NAT or proxy dropped it).
      keepAlive: true,
    });
    let dropped = false;
    const drop = (error?: Error) => {
      if (dropped) return;
      dropped = true;
      if (error) logger.warn({ err: error }, 'outbox LISTEN connection failed');
      if (client === candidate) client = null;
      candidate.end().catch(() => {});
      scheduleReconnect();
    };
    candidate.on('error', drop);
    candidate.on('end', () => drop());
    candidate.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL) onNotify();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      drop(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    retryMs = FIRST_RETRY_MS;
    logger.debug({ channel: OUTBOX_CHANNEL }, 'outbox worker listening for new mail');
    onNotify();
  };

  connecting = connect();

  return {
    get listening() {
      return client !== null;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      // A connect in progress sees `closed` when it finishes and ends its own client.
      await connecting;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

/**
 * Wakes the worker when mail is queued: on Postgres through a LISTEN connection of its own, on
 * PGlite (one connection, in this process) through PGlite's own listener, which hears the NOTIFY
 * of the statement that queued the mail as soon as it returns. Without it a PGlite server's mail
 * waited for the next poll: the most of two seconds from sign-up to inbox (bench row 8).
 */
export function listenForNewMail(
  db: Executor,
  databaseUrl: string | undefined,
  logger: Logger,
  onNotify: () => void,
): OutboxListener {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect === 'postgres') {
    return listenForOutboxMail({ connectionString: target.url, logger, onNotify });
  }
  let unlisten: (() => Promise<void>) | null = null;
  const started = listenInProcess(db, OUTBOX_CHANNEL, onNotify).then(
    (stop) => {
      unlisten = stop;
      // Mail queued before the LISTEN took effect is seen by this look, not lost until the poll.
      onNotify();
    },
    (error: unknown) =>
      logger.warn({ err: error }, 'outbox worker cannot listen in PGlite; polling instead'),
  );
  return {
    get listening() {
      return unlisten !== null;
    },
    async close() {
      await started;
      await unlisten?.().catch((error: unknown) =>
        logger.debug({ err: error }, 'outbox worker could not stop listening in PGlite'),
      );
      unlisten = null;
    },
  };
}

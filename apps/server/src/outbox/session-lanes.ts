import type { OutboxMessage } from '@rolegate/db';
import type { MailConnection } from '@rolegate/mail';
import type { Logger } from 'pino';
import { type DeliveryContext, type DeliveryOutcome, deliverClaimed } from './deliver.js';

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
export interface Lane {
  sessions: Map<string, Session>;
}

export interface SessionLanes {
  /** The lanes a batch of `rowCount` messages is spread over (opened as needed). */
  forBatch(rowCount: number): Lane[];
  /** Sends one claimed row on the lane's session for the row's mailer, and records the outcome. */
  send(lane: Lane, row: OutboxMessage): Promise<DeliveryOutcome>;
  /** Closes every session: no mail came for a while, the database is gone, or the worker stops. */
  closeAll(): Promise<void>;
}

/**
 * SMTP sessions outlive a batch while more mail is due: a new session costs a TCP (and TLS)
 * handshake and AUTH, often more than the message itself. A full batch is spread over up to
 * MAX_CONNECTIONS sessions at once, since one session spends most of its time waiting for replies.
 * Sessions are renewed every MESSAGES_PER_CONNECTION messages, since many servers cap the mail of
 * one session, and after any failed send, which may leave a session in any state.
 */
export function sessionLanes(options: {
  delivery: DeliveryContext;
  connectionFactory: (mailer: string) => MailConnection;
  logger: Logger;
}): SessionLanes {
  const { delivery, connectionFactory, logger } = options;
  const lanes: Lane[] = [];

  return {
    forBatch(rowCount) {
      const count = Math.min(MAX_CONNECTIONS, Math.ceil(rowCount / MIN_MESSAGES_PER_LANE));
      while (lanes.length < count) lanes.push({ sessions: new Map() });
      return lanes.slice(0, count);
    },

    async send(lane, row) {
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
      if (outcome !== 'sent' || session.sent >= MESSAGES_PER_CONNECTION) {
        lane.sessions.delete(row.mailer);
        await closeQuietly(session.connection, logger);
      }
      return outcome;
    },

    async closeAll() {
      const open = lanes
        .splice(0)
        .flatMap((lane) => [...lane.sessions.values()].map((session) => session.connection));
      await Promise.all(open.map((connection) => closeQuietly(connection, logger)));
    },
  };
}

async function closeQuietly(connection: MailConnection, logger: Logger): Promise<void> {
  try {
    await connection.close();
  } catch (error) {
    logger.debug({ err: error }, 'closing the mail connection failed');
  }
}

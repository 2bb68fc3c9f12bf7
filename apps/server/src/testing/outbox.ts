/** Helpers for the outbox and notification tests: real workers with fast retries, test messages. */
import type { Executor, OutboxMessage } from '@rolegate/db';
import { EmailMessage, type MailSettings, type Transport } from '@rolegate/mail';
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { queueMail } from '../outbox/queue.js';
import {
  type OutboxWorker,
  type OutboxWorkerOptions,
  startOutboxWorker,
} from '../outbox/worker.js';

export const silentLogger = pino({ level: 'silent' });

export function mailSettings(transport: Transport, failover: Transport[] = []): MailSettings {
  return {
    transport,
    failover,
    defaultFromEmail: 'Rolegate <rolegate@example.com>',
    serverEmail: 'rolegate@example.com',
    subjectPrefix: '[Rolegate] ',
    admins: [],
    managers: [],
  };
}

/** An SMTP transport that is never dialled: for tests that read the outbox, not deliver it. */
export const undialledSmtpTransport: Transport = {
  backend: 'smtp',
  host: '127.0.0.1',
  port: 2525,
  username: null,
  password: null,
  security: 'none',
  timeoutMs: 1000,
  sslCertfile: null,
  sslKeyfile: null,
};

export function testMessage(settings: MailSettings, subject: string): EmailMessage {
  return new EmailMessage({
    subject,
    body: `Body of ${subject}`,
    to: ['Ada Lovelace <ada@example.com>'],
    settings,
  });
}

export async function queueTestMessages(
  db: Executor,
  settings: MailSettings,
  count: number,
  prefix = 'message',
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await queueMail(db, {
      idempotencyKey: `${prefix}-${i}`,
      message: testMessage(settings, `${prefix} ${i}`),
    });
  }
}

/** Workers that retry in milliseconds and poll often, stopped after each test. */
export function workerPool(base: () => Pick<OutboxWorkerOptions, 'db' | 'config'>) {
  const running: OutboxWorker[] = [];
  return {
    start(options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
      const worker = startOutboxWorker({
        ...base(),
        logger: silentLogger,
        pollIntervalMs: 25,
        retryPolicy: { baseDelayMs: 1, maxDelayMs: 10 },
        ...options,
      });
      running.push(worker);
      return worker;
    },
    async stopAll(): Promise<void> {
      await Promise.all(running.splice(0).map((worker) => worker.stop()));
    },
  };
}

export async function outboxRows(db: Executor): Promise<OutboxMessage[]> {
  return db.selectFrom('mailOutbox').selectAll().orderBy('idempotencyKey').execute();
}

/** Waits until every outbox row has left pending/sending (the worker is done with them). */
export async function waitUntilSettled(db: Executor, timeout = 15_000): Promise<OutboxMessage[]> {
  return vi.waitFor(
    async () => {
      const rows = await outboxRows(db);
      expect(rows.filter((row) => row.state === 'pending' || row.state === 'sending')).toEqual([]);
      return rows;
    },
    { timeout, interval: 20 },
  );
}

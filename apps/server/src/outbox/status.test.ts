import type { OutboxState } from '@rolegate/db';
import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailSettings, undialledSmtpTransport } from '../testing/outbox.js';
import { startTestServer } from '../testing/test-server.js';
import { getMailStatus } from './status.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.destroy());
beforeEach(() => t.db.deleteFrom('mailOutbox').execute());

/** Never dialled: /healthz reads the outbox, it does not connect. */
const smtpTransport = undialledSmtpTransport;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function addRow(
  key: string,
  fields: {
    state: OutboxState;
    nextAttemptAt?: Date;
    lastError?: string;
    lease?: Date;
    mailer?: string;
    lastAttemptAt?: Date;
    sentAt?: Date;
  },
) {
  await t.db
    .insertInto('mailOutbox')
    .values({
      idempotencyKey: key,
      message: { subject: key, to: ['a@example.com'] },
      state: fields.state,
      nextAttemptAt: fields.nextAttemptAt ?? new Date(),
      lastError: fields.lastError ?? null,
      leaseExpiresAt: fields.lease ?? null,
      mailer: fields.mailer ?? 'default',
      lastAttemptAt: fields.lastAttemptAt ?? null,
      sentAt: fields.sentAt ?? null,
    })
    .execute();
}

describe('mail status', () => {
  it('is healthy with nothing queued, or only sent and freshly queued mail', async () => {
    expect((await getMailStatus(t.db)).failing).toBe(false);
    await addRow('sent', { state: 'sent' });
    await addRow('new', { state: 'pending' });
    const status = await getMailStatus(t.db);
    expect(status).toMatchObject({ failing: false, queued: 1, lastError: null });
  });

  it('is failing while a message waits for a retry after a temporary error', async () => {
    await addRow('retry', {
      state: 'pending',
      nextAttemptAt: new Date(Date.now() + 60_000),
      lastError: '421 Try again later',
    });
    expect(await getMailStatus(t.db)).toMatchObject({
      failing: true,
      retrying: 1,
      lastError: '421 Try again later',
    });
  });

  it('is failing for an hour after a message was given up, then clears', async () => {
    await addRow('recent', { state: 'failed', nextAttemptAt: minutesAgo(10), lastError: '550 No' });
    expect(await getMailStatus(t.db)).toMatchObject({ failing: true, failedLastHour: 1 });
    await t.db.deleteFrom('mailOutbox').execute();
    await addRow('old', { state: 'failed', nextAttemptAt: minutesAgo(90), lastError: '550 No' });
    expect(await getMailStatus(t.db)).toMatchObject({ failing: false, failedLastHour: 0 });
  });

  it('follows the latest delivery of each mailer: a later message sent clears a failure at once, a later failure sets it again', async () => {
    const later = new Date(Date.now() + 60 * 60_000);
    await addRow('retry', {
      state: 'pending',
      nextAttemptAt: later,
      lastAttemptAt: minutesAgo(3),
      lastError: '421 Try again later',
    });
    await addRow('bulk-failed', {
      state: 'failed',
      mailer: 'bulk',
      nextAttemptAt: minutesAgo(2),
      lastAttemptAt: minutesAgo(2),
      lastError: '550 bulk refused',
    });
    expect(await getMailStatus(t.db)).toMatchObject({
      failing: true,
      failingMailers: ['bulk', 'default'],
      lastError: '550 bulk refused',
    });

    await addRow('default-sent', {
      state: 'sent',
      sentAt: minutesAgo(1),
      lastAttemptAt: minutesAgo(1),
    });
    expect(await getMailStatus(t.db)).toMatchObject({
      failing: true,
      failingMailers: ['bulk'],
      retrying: 1,
    });
    await addRow('bulk-sent', { state: 'sent', mailer: 'bulk', sentAt: minutesAgo(1) });
    expect(await getMailStatus(t.db)).toMatchObject({
      failing: false,
      failingMailers: [],
      lastError: null,
    });

    await t.db
      .updateTable('mailOutbox')
      .set({ lastAttemptAt: new Date(), lastError: '421 Still down' })
      .where('idempotencyKey', '=', 'retry')
      .execute();
    expect(await getMailStatus(t.db)).toMatchObject({
      failing: true,
      failingMailers: ['default'],
      lastError: '421 Still down',
    });
  });

  it('is failing when due mail sits undelivered (no worker runs, or one died)', async () => {
    await addRow('stuck', { state: 'pending', nextAttemptAt: minutesAgo(10) });
    await addRow('orphan', { state: 'sending', lease: minutesAgo(10) });
    expect(await getMailStatus(t.db)).toMatchObject({ failing: true, overdue: 2 });
  });
});

describe('GET /healthz', () => {
  // ADMINS set, so level requests reach someone: `no recipients` has its own case below.
  const smtpConfig = {
    configOverrides: {
      mail: { ...mailSettings(smtpTransport), admins: [{ name: null, email: 'ops@example.com' }] },
    },
  };

  it('reports mail as not delivered with a backend that sends nothing (memory here)', async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(await response.json()).toEqual({ ok: true, mail: 'not delivered' });
    } finally {
      await server.close();
    }
  });

  it('reports mail as unknown, never ok, when the mail status cannot be read', async () => {
    const server = await startTestServer(smtpConfig);
    try {
      await sql`alter table mail_outbox rename to mail_outbox_away`.execute(server.db);
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, mail: 'unknown' });
      await sql`alter table mail_outbox_away rename to mail_outbox`.execute(server.db);
    } finally {
      await server.close();
    }
  });

  it('stays 200 but reports mail as degraded while mail is failing', async () => {
    const server = await startTestServer(smtpConfig);
    try {
      const healthy = await fetch(`${server.url}/healthz`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toEqual({ ok: true, mail: 'ok' });

      await server.db
        .insertInto('mailOutbox')
        .values({
          idempotencyKey: 'refused',
          message: { subject: 'x', to: [] },
          state: 'failed',
          nextAttemptAt: new Date(),
          lastError: 'SMTP refused: 550 5.7.1 Relaying denied',
        })
        .execute();
      const degraded = await fetch(`${server.url}/healthz`);
      expect(degraded.status).toBe(200);
      expect(await degraded.json()).toEqual({ ok: true, mail: 'degraded' });
    } finally {
      await server.close();
    }
  });
});

import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  mailSettings,
  queueTestMessages,
  waitUntilSettled,
  workerPool,
} from '../testing/outbox.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';

let smtp: TestSmtpServer;
let t: TestContext;
let admin: Awaited<ReturnType<TestContext['signUpAdmin']>>;
const workers = workerPool(() => t);

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ configOverrides: { mail: mailSettings(smtp.transport()) } });
  admin = await t.signUpAdmin();
});
afterAll(async () => {
  await t.destroy();
  await smtp.close();
});
afterEach(async () => {
  await workers.stopAll();
  await t.db.deleteFrom('mailOutbox').execute();
  smtp.setFaults({});
});

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  return error instanceof TRPCError ? error.code : `no TRPCError: ${String(error)}`;
}

describe('admin.mail', () => {
  it('shows a permanently refused message with the server reply, and mail as failing', async () => {
    smtp.setFaults({ data: { code: 554, message: '5.7.1 Message rejected as spam' } });
    await queueTestMessages(t.db, t.config.mail, 1, 'refused');
    workers.start();
    await waitUntilSettled(t.db);

    const { messages, failing } = await admin.caller.admin.mail({ state: 'failed' });
    expect(failing).toBe(true);
    expect(messages).toEqual([
      expect.objectContaining({
        idempotencyKey: 'refused-0',
        subject: 'refused 0',
        to: ['Ada Lovelace <ada@example.com>'],
        state: 'failed',
        attempts: 1,
        sentAt: null,
        lastError: expect.stringContaining('554 5.7.1 Message rejected as spam'),
      }),
    ]);
    expect((await admin.caller.admin.mail({ state: 'sent' })).messages).toEqual([]);
  });

  it('is for admins only', async () => {
    const { caller } = await t.signUp();
    expect(await codeOf(caller.admin.mail())).toBe('FORBIDDEN');
    expect(await codeOf(t.caller().admin.mail())).toBe('UNAUTHORIZED');
  });
});

describe('admin.retryMail', () => {
  it('puts a failed message back in the queue, and the worker delivers it', async () => {
    smtp.setFaults({ rcptTo: { code: 550 } });
    await queueTestMessages(t.db, t.config.mail, 1, 'retried');
    workers.start();
    const [failed] = await waitUntilSettled(t.db);
    expect(failed?.state).toBe('failed');

    smtp.setFaults({});
    const { message } = await admin.caller.admin.retryMail({ id: failed?.id ?? '' });
    expect(message).toMatchObject({ state: 'pending', attempts: 0 });
    const [sent] = await waitUntilSettled(t.db);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect((await admin.caller.admin.mail()).failing).toBe(false);
  });

  it('refuses to send a sent message again (CONFLICT) and names an unknown id (NOT_FOUND)', async () => {
    await queueTestMessages(t.db, t.config.mail, 1, 'sent');
    workers.start();
    const [sent] = await waitUntilSettled(t.db);
    expect(await codeOf(admin.caller.admin.retryMail({ id: sent?.id ?? '' }))).toBe('CONFLICT');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await codeOf(admin.caller.admin.retryMail({ id: unknown }))).toBe('NOT_FOUND');
    expect(await codeOf(admin.caller.admin.retryMail({ id: 'not-an-id' }))).toBe('BAD_REQUEST');
  });
});

describe('admin.retryAllMail', () => {
  it('after the fault is fixed, sends every failed message once more, each exactly once', async () => {
    smtp.setFaults({ data: { code: 554, message: '5.7.1 Rejected' } });
    await queueTestMessages(t.db, t.config.mail, 3, 'all-failed');
    workers.start();
    expect((await waitUntilSettled(t.db)).map((row) => row.state)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    await workers.stopAll();
    smtp.setFaults({});
    const before = smtp.received.length;

    expect(await admin.caller.admin.retryAllMail()).toEqual({ queued: 3 });
    expect(await admin.caller.admin.retryAllMail()).toEqual({ queued: 0 });
    workers.start();
    expect((await waitUntilSettled(t.db)).map((row) => row.state)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
    const subjects = smtp.received.slice(before).map((message) => message.parsed.subject);
    expect(new Set(subjects).size).toBe(3);
    expect(subjects).toHaveLength(3);
  });
});

describe('admin.mailCheck', () => {
  it('diagnoses the configured settings without sending', async () => {
    const before = smtp.received.length;
    const result = await admin.caller.admin.mailCheck();
    expect(result.ok).toBe(true);
    expect(result.text).toContain('Mail works');
    expect(result.findings.length).toBeGreaterThan(0);
    expect(smtp.received.length).toBe(before);
  });

  it("with ADMINS empty, tries RCPT TO for the admin accounts, who get the admins' mail", async () => {
    const result = await admin.caller.admin.mailCheck();
    expect(result.text).toContain(`${admin.user.email} (the admin accounts, as ADMINS is empty)`);
    expect(smtp.events).toContainEqual({ type: 'rcptTo', value: admin.user.email, code: 250 });
  });
});

describe('admin.mail with a backend that delivers nothing', () => {
  it('says so (delivers: false), which the panel shows on every page', async () => {
    const memory = await createTestContext({ configOverrides: {} });
    try {
      const { caller } = await memory.signUpAdmin();
      expect(await caller.admin.mail()).toMatchObject({ delivers: false });
    } finally {
      await memory.destroy();
    }
    expect(await admin.caller.admin.mail()).toMatchObject({ delivers: true });
  });
});

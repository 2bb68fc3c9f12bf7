import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailSettings, outboxRows, queueTestMessages, workerPool } from '../testing/outbox.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let smtp: TestSmtpServer;
let server: TestServer;
let admin: Awaited<ReturnType<TestServer['signUpAdmin']>>;
const workers = workerPool(() => server);

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ configOverrides: { mail: mailSettings(smtp.transport()) } });
  admin = await server.signUpAdmin();
  await server.db.deleteFrom('mailOutbox').execute();
});
afterAll(async () => {
  await workers.stopAll();
  await server.close();
  await smtp.close();
});

async function healthzMail(): Promise<string> {
  const response = await fetch(`${server.url}/healthz`);
  return ((await response.json()) as { mail: string }).mail;
}

describe('the failing-mail banner and /healthz', () => {
  it('clear as soon as another message goes out, without waiting for the failed one’s retry', async () => {
    // The first message meets a temporary refusal; its retry is an hour away.
    smtp.setFaults({ data: { code: 451, times: 1 } });
    workers.start({ retryPolicy: { baseDelayMs: 3_600_000, maxDelayMs: 3_600_000 } });
    await queueTestMessages(server.db, server.config.mail, 1, 'first');
    await vi.waitFor(
      async () => expect((await outboxRows(server.db))[0]?.lastError).toMatch(/451/),
      { timeout: 15_000 },
    );
    expect((await admin.caller.admin.mail()).failing).toBe(true);
    expect(await healthzMail()).toBe('degraded');

    await queueTestMessages(server.db, server.config.mail, 1, 'second');
    await smtp.waitForMessages(1);
    await vi.waitFor(
      async () =>
        expect((await outboxRows(server.db)).map((row) => row.state)).toEqual(['pending', 'sent']),
      { timeout: 15_000 },
    );
    const { failing, status } = await admin.caller.admin.mail();
    expect(failing).toBe(false);
    expect(status).toMatchObject({ retrying: 1, failingMailers: [], lastError: null });
    expect(await healthzMail()).toBe('ok');
  });
});

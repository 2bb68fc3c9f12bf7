import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  mailSettings,
  queueTestMessages,
  waitUntilSettled,
  workerPool,
} from '../testing/outbox.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';

let main: TestSmtpServer;
let backup: TestSmtpServer;
let t: TestContext;
const workers = workerPool(() => t);

beforeAll(async () => {
  // The main server takes the first message whole and then never answers the final `.`.
  main = await startSmtpServer({ faults: { hangAfterData: 1 } });
  backup = await startSmtpServer();
  t = await createTestContext({
    configOverrides: {
      mail: mailSettings(main.transport({ timeoutMs: 2000 }), [backup.transport()]),
    },
  });
});
afterAll(async () => {
  await workers.stopAll();
  await t.destroy();
  await Promise.all([main.close(), backup.close()]);
});

it('a lost reply after the whole message is retried on the same mailer with the same Message-ID, never failed over', async () => {
  await queueTestMessages(t.db, t.config.mail, 1, 'uncertain');
  workers.start();
  const [row] = await waitUntilSettled(t.db, 30_000);

  expect(row?.state).toBe('sent');
  expect(row?.attempts).toBe(2);
  expect(backup.connections).toBe(0);
  const ids = main.received.map((message) => message.parsed.messageId);
  expect(ids).toHaveLength(2);
  expect(ids[1]).toBe(ids[0]);
}, 60_000);

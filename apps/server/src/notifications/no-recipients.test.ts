import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.js';
import { mailSettings, undialledSmtpTransport } from '../testing/outbox.js';

let s: TestServer;

beforeAll(async () => {
  // An SMTP transport that is never dialled (/healthz reads tables) and no ADMINS.
  s = await startTestServer({
    configOverrides: {
      mail: mailSettings(undialledSmtpTransport),
    },
  });
});
afterAll(() => s.close());

const healthzMail = async () =>
  ((await (await fetch(`${s.url}/healthz`)).json()) as { mail: string }).mail;

describe('level requests that would reach nobody', () => {
  it('make /healthz say `no recipients` until an admin account gets them', async () => {
    expect(await healthzMail()).toBe('no recipients');
    const admin = await s.signUpAdmin();
    expect(await healthzMail()).toBe('ok');
    expect((await admin.caller.admin.mail()).requestsReachNobody).toBe(false);

    await admin.caller.account.setNotificationSettings({ levelRequests: 'daily' });
    expect(await healthzMail()).toBe('ok');
    await admin.caller.account.setNotificationSettings({ levelRequests: 'off' });
    expect(await healthzMail()).toBe('no recipients');
    expect((await admin.caller.admin.mail()).requestsReachNobody).toBe(true);
  });
});

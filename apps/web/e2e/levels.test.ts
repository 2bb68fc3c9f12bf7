/**
 * Levels after the decision (issue 12) in Chromium: an admin takes power back on the person's page
 * and the person's dashboard loses the power actions; a level granted for a while returns to the one
 * before when its time is up (the worker's jobs run at start, so the test restarts the server after
 * the end instead of waiting for the next minute's run).
 */
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMutate, apiQuery } from './support/api';
import { type AppServer, startAppServer } from './support/app-server';
import { DESKTOP, launchBrowser, PHONE, type TestBrowser } from './support/browser';
import { failOnCspViolations } from './support/csp';
import { createTestDatabase, type TestDatabase } from './support/database';
import { waitForMail } from './support/mail';
import { checkScreen } from './support/screens';
import { waitUntil } from './support/wait';

const ADMIN = { email: 'admin@levels.test', password: 'admin password 12345' };
const PASSWORD = 'correct horse battery staple';

let smtp: TestSmtpServer;
let database: TestDatabase;
let app: AppServer;
let env: Record<string, string>;
let adminBrowser: TestBrowser | undefined;
let personBrowser: TestBrowser | undefined;
let adminCookie: string | undefined;

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = await createTestDatabase();
  env = {
    DATABASE_URL: database.url,
    EMAIL_URL: `smtp://${smtp.host}:${smtp.port}`,
    ADMINS: ADMIN.email,
    ROLEGATE_ADMIN_EMAIL: ADMIN.email,
    ROLEGATE_ADMIN_PASSWORD: ADMIN.password,
    DEFAULT_FROM_EMAIL: 'rolegate@levels.test',
    SERVER_EMAIL: 'rolegate@levels.test',
  };
  app = await startAppServer(env);
  [adminBrowser, personBrowser] = await Promise.all([launchBrowser(DESKTOP), launchBrowser(PHONE)]);
  adminCookie = (await apiMutate(app.url, 'auth.login', ADMIN)).cookie;
});

afterAll(async () => {
  await Promise.all([adminBrowser?.close(), personBrowser?.close()]);
  await app?.stop();
  await database?.drop();
  await smtp?.close();
});

failOnCspViolations(() => [adminBrowser, personBrowser]);

async function signedInTab(browser: TestBrowser | undefined, email: string, password: string) {
  if (!browser) throw new Error('the browser did not start');
  // A fresh sign-in: the person before in this browser is signed out (cookies ignore the port).
  await browser.context.clearCookies();
  const tab = await browser.context.newPage();
  await tab.goto(`${app.url}/sign-in`);
  await tab.getByLabel('Email', { exact: true }).fill(email);
  await tab.getByLabel('Password', { exact: true }).fill(password);
  await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
  await tab.getByRole('heading', { name: /Hello/ }).waitFor();
  return tab;
}

/** A person signed up over HTTP at `role`; their id. */
async function signUp(name: string, email: string, role: string): Promise<string> {
  const { data } = await apiMutate(app.url, 'auth.register', {
    email,
    password: PASSWORD,
    name,
    role,
  });
  return (data as { user: { id: string } }).user.id;
}

async function approvePending(email: string, expiresAt?: string) {
  const { requests } = await apiQuery<{ requests: { id: string; user: { email: string } }[] }>(
    app.url,
    'admin.requests',
    { status: 'pending' },
    adminCookie,
  );
  const request = requests.find((each) => each.user.email === email);
  if (!request) throw new Error(`no pending request of ${email}`);
  await apiMutate(
    app.url,
    'admin.approve',
    { requestId: request.id, ...(expiresAt ? { expiresAt } : {}) },
    adminCookie,
  );
}

const newEntryButtons = (tab: Page) => tab.getByRole('button', { name: 'New entry', exact: true });

describe('levels after the decision, in Chromium', () => {
  it('an admin takes power back on the person’s page, and the person’s dashboard loses the power actions', async () => {
    const id = await signUp('Pia Power', 'pia@levels.test', 'power');
    await approvePending('pia@levels.test');
    const person = await signedInTab(personBrowser, 'pia@levels.test', PASSWORD);
    await newEntryButtons(person).waitFor();

    const admin = await signedInTab(adminBrowser, ADMIN.email, ADMIN.password);
    await admin.goto(`${app.url}/admin/users/${id}`);
    await admin.getByRole('heading', { name: 'Pia Power' }).waitFor();
    await admin.getByRole('radio', { name: 'Reader' }).check();
    await admin.getByLabel('Reason (optional)').fill('Moved to another team.');
    await admin.getByRole('button', { name: 'Set level' }).click();
    await admin.getByText('Pia Power now has Reader access and is being emailed.').waitFor();
    const violations = await checkScreen(admin, 'admin-person-page');
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

    const mail = await waitForMail(smtp, 'pia@levels.test', (m) =>
      /reader access/.test(m.parsed.subject ?? ''),
    );
    expect(mail.parsed.text).toContain('Moved to another team.');

    await person.reload();
    await person.getByRole('heading', { name: /Hello/ }).waitFor();
    await person
      .getByText(/Reader/)
      .first()
      .waitFor();
    expect(await newEntryButtons(person).count()).toBe(0);
    expect(await person.getByRole('button', { name: 'Propose a new entry' }).count()).toBe(0);
    expect(await person.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    await Promise.all([admin.close(), person.close()]);
  });

  it('making someone an admin asks first, by keyboard too, and the new admin is mailed who did it', async () => {
    const id = await signUp('Ada Admin', 'ada@levels.test', 'reader');
    const admin = await signedInTab(adminBrowser, ADMIN.email, ADMIN.password);
    await admin.goto(`${app.url}/admin/users/${id}`);
    await admin.getByRole('heading', { name: 'Ada Admin' }).waitFor();
    const make = admin.getByRole('button', { name: 'Make admin', exact: true });
    await make.focus();
    await admin.keyboard.press('Enter');
    const confirm = admin.getByRole('button', { name: 'Yes, make admin' });
    await confirm.waitFor();
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    await admin.keyboard.press('Escape');
    await make.waitFor();
    const stillReader = await apiQuery<{ user: { isAdmin: boolean } }>(
      app.url,
      'admin.user',
      { userId: id },
      adminCookie,
    );
    expect(stillReader.user.isAdmin).toBe(false);

    await make.click();
    await confirm.click();
    await admin.getByText('Ada Admin is now an admin.').waitFor();
    const mail = await waitForMail(smtp, 'ada@levels.test', (m) =>
      /now an admin/.test(m.parsed.subject ?? ''),
    );
    expect(mail.parsed.text).toContain(`(${ADMIN.email}) made you an admin`);
    await admin.close();
  });

  it('an admin approves for 30 days from the request’s page; the person sees until when', async () => {
    await signUp('Ola Thirty', 'ola@levels.test', 'power');
    const { requests } = await apiQuery<{ requests: { id: string; user: { email: string } }[] }>(
      app.url,
      'admin.requests',
      { status: 'pending' },
      adminCookie,
    );
    const request = requests.find((each) => each.user.email === 'ola@levels.test');
    const admin = await signedInTab(adminBrowser, ADMIN.email, ADMIN.password);
    await admin.goto(`${app.url}/admin/requests/${request?.id}`);
    await admin.getByLabel('Grant Power for').waitFor();
    const violations = await checkScreen(admin, 'admin-request-grant-length');
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await admin.getByLabel('Grant Power for').selectOption('30');
    await admin.getByRole('button', { name: 'Approve Power for Ola Thirty' }).click();
    await admin
      .getByText(/^Approved: Ola Thirty now has Power access until .* and is being emailed\.$/)
      .waitFor();
    const mail = await waitForMail(smtp, 'ola@levels.test', (m) =>
      /power access/.test(m.parsed.subject ?? ''),
    );
    expect(mail.parsed.text).toContain('It lasts until');

    const person = await signedInTab(personBrowser, 'ola@levels.test', PASSWORD);
    await person.getByText(/until .*\. Change or delete any entry/).waitFor();
    await Promise.all([admin.close(), person.close()]);
  });

  it('a level granted for a while returns to the one before when its time is up', async () => {
    await signUp('Tom Temporary', 'tom@levels.test', 'power');
    // Seconds, not days, so the end comes during the test; the job's clock is the server's own.
    const expiresAt = new Date(Date.now() + 8_000).toISOString();
    await approvePending('tom@levels.test', expiresAt);
    const person = await signedInTab(personBrowser, 'tom@levels.test', PASSWORD);
    await newEntryButtons(person).waitFor();
    await person.goto(`${app.url}/account`);
    await person.getByText(/^Until .*: then you return to the level you had before\.$/).waitFor();

    // The jobs run when a server starts: stop it, let the end pass, start it again.
    await app.stop();
    await waitUntil(async () => Date.now() > new Date(expiresAt).getTime());
    app = await startAppServer(env);
    const ended = await waitForMail(smtp, 'tom@levels.test', (m) =>
      /has ended/.test(m.parsed.subject ?? ''),
    );
    expect(ended.parsed.text).toContain('You now have editor access');

    // Cookies belong to the host, not the port: the same session on the restarted server.
    await person.goto(`${app.url}/`);
    await person.getByRole('heading', { name: /Hello/ }).waitFor();
    await person.getByRole('button', { name: 'Propose a new entry' }).waitFor();
    expect(await newEntryButtons(person).count()).toBe(0);
    await person.close();
  });
});

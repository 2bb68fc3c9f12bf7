/**
 * Deciding from the mail (issue 12) in Chromium: the admin's approve link, captured by the SMTP
 * server, opened in a browser that has never signed in; and what a mail scanner does (plain GETs of
 * the link and of the page) changes nothing. Plus the admin's choice of how they hear of requests.
 */
import type { TestSmtpServer } from '@rolegate/mail/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMutate, apiQuery } from './support/api';
import type { AppServer } from './support/app-server';
import { DESKTOP, launchBrowser, PHONE, type TestBrowser } from './support/browser';
import { failOnCspViolations } from './support/csp';
import { waitForMail } from './support/mail';
import { checkScreen } from './support/screens';
import { type Site, startSite } from './support/site';

const ADMIN = { name: 'Admin', email: 'admin@decide.test', password: 'admin password 12345' };
const PASSWORD = 'correct horse battery staple';

let smtp: TestSmtpServer | undefined;
let site: Site | undefined;
let app: AppServer;
let phone: TestBrowser | undefined;
let desktop: TestBrowser | undefined;
let adminCookie: string | undefined;

beforeAll(async () => {
  site = await startSite(ADMIN, { DEFAULT_FROM_EMAIL: 'rolegate@decide.test' });
  ({ smtp, app } = site);
  [phone, desktop] = await Promise.all([launchBrowser(PHONE), launchBrowser(DESKTOP)]);
  adminCookie = (
    await apiMutate(app.url, 'auth.login', { email: ADMIN.email, password: ADMIN.password })
  ).cookie;
});

afterAll(async () => {
  await Promise.all([phone?.close(), desktop?.close()]);
  await site?.stop();
});

failOnCspViolations(() => [phone, desktop]);

async function newTab(browser: TestBrowser | undefined): Promise<Page> {
  if (!browser) throw new Error('the browser did not start');
  return browser.context.newPage();
}

/** A power sign-up over HTTP, and the approve link in the admin's mail about it. */
async function powerRequestLink(name: string, email: string) {
  await apiMutate(app.url, 'auth.register', {
    email,
    password: PASSWORD,
    name,
    role: 'power',
    reason: `${name} keeps the catalogue.`,
  });
  if (!smtp) throw new Error('the SMTP server did not start');
  const mail = await waitForMail(smtp, ADMIN.email, (m) => (m.parsed.text ?? '').includes(name));
  const link = (mail.parsed.text ?? '').match(/Approve: (https?:\/\/\S+\/decide\/\S+)/)?.[1];
  if (!link) throw new Error(`no approve link in:\n${mail.parsed.text}`);
  return link;
}

interface RequestRow {
  status: string;
  user: { email: string; role: string };
  decidedBy: { email: string } | null;
}

async function requestOf(email: string): Promise<RequestRow | undefined> {
  const { requests } = await apiQuery<{ requests: RequestRow[] }>(
    app.url,
    'admin.requests',
    undefined,
    adminCookie,
  );
  return requests.find((request) => request.user.email === email);
}

describe('deciding from the admin’s mail, in Chromium', () => {
  it('a scanner fetching the link, the page and the API by GET decides nothing', async () => {
    const link = await powerRequestLink('Sam Scanned', 'sam@decide.test');
    expect(link.startsWith(`${app.url}/decide/`)).toBe(true);
    const token = new URL(link).pathname.split('/').at(-1) ?? '';
    // As a browser-like scanner (asking for HTML: the page) and as a bare one.
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(link.replace('decision=approve', 'decision=deny'))).status).toBeLessThan(
      500,
    );
    const decide = encodeURIComponent(JSON.stringify({ token, decision: 'approve' }));
    expect((await fetch(`${app.url}/trpc/admin.decideByLink?input=${decide}`)).status).toBe(405);
    await apiQuery(app.url, 'admin.decisionLink', { token });
    expect(await requestOf('sam@decide.test')).toMatchObject({
      status: 'pending',
      decidedBy: null,
      user: { role: 'editor' },
    });
  });

  it('approves from the link without a session: the request, the confirm button, the person mailed', async () => {
    const link = await powerRequestLink('Pat Linked', 'pat@decide.test');
    const tab = await newTab(phone);
    await tab.goto(link);
    await tab.getByRole('heading', { name: 'Pat Linked asks for Power' }).waitFor();
    await tab.getByText('Pat Linked keeps the catalogue.').waitFor();
    await tab.getByText(/You decide as Admin/).waitFor();
    expect(await tab.getByRole('radio', { name: /^Approve/ }).isChecked()).toBe(true);
    expect(await checkScreen(tab, 'decide-link-phone')).toEqual([]);
    // Opening the page decided nothing.
    expect((await requestOf('pat@decide.test'))?.status).toBe('pending');

    await tab.getByRole('button', { name: 'Confirm: approve Power' }).click();
    await tab
      .getByText('Approved: Pat Linked now has Power access and is being emailed.')
      .waitFor();
    expect(await requestOf('pat@decide.test')).toMatchObject({
      status: 'approved',
      decidedBy: { email: ADMIN.email },
      user: { role: 'power' },
    });
    if (!smtp) throw new Error('the SMTP server did not start');
    await waitForMail(smtp, 'pat@decide.test', (m) => /power access/i.test(m.parsed.subject ?? ''));

    // The same link again: the page says it was decided, and offers nothing to press.
    await tab.reload();
    await tab.getByText(/This request was already approved by Admin/).waitFor();
    expect(await tab.getByRole('button', { name: /Confirm/ }).count()).toBe(0);
    await tab.close();
  });

  it('lets the admin choose how they hear of requests on their account page', async () => {
    const tab = await newTab(desktop);
    await tab.goto(`${app.url}/sign-in`);
    await tab.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await tab.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tab.getByRole('heading', { name: /Hello/ }).waitFor();
    await tab.goto(`${app.url}/account`);
    await tab.getByRole('heading', { name: 'Mail about level requests' }).waitFor();
    // The choices show the saved one once account.notificationSettings has answered.
    await tab.getByRole('radio', { name: /Each request/, checked: true }).waitFor();
    expect(await tab.getByRole('radio', { name: /Each request/ }).isChecked()).toBe(true);
    await tab.getByRole('radio', { name: /Once a day/ }).check();
    await tab.getByText('Saved.').waitFor();
    expect(await apiQuery(app.url, 'account.notificationSettings', undefined, adminCookie)).toEqual(
      { levelRequests: 'daily' },
    );
    const violations = await checkScreen(tab, 'account-request-mail');
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await tab.close();
  });
});

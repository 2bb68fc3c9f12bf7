/**
 * Accounts in Chromium with EMAIL_VERIFICATION=required: the real built server and web app, a real
 * database and SMTP server; every link is read out of the captured mail, as a person would follow
 * it. The person's tab is 360 px wide, the admin's and the person's second device 1280 px; every
 * screen is checked with axe-core and for sideways scrolling. The tests run in order.
 */
import type { TestSmtpServer } from '@rolegate/mail/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server';
import { DESKTOP, launchBrowser, type TestBrowser } from './support/browser';
import { failOnCspViolations } from './support/csp';
import { horizontalOverflow } from './support/layout';
import { linkIn } from './support/links';
import { waitForMail } from './support/mail';
import { checkScreen, SCREENSHOT_DIR } from './support/screens';
import { type Site, startSite } from './support/site';
import { waitUntil } from './support/wait';

const NARROW = { width: 360, height: 780 };
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a different long passphrase';
const ADMIN = { name: 'Admin', email: 'admin@rolegate.test', password: 'admin password 12345' };
const PAT = { name: 'Pat Power', email: 'pat@rolegate.test' };
const PAT_NEW_EMAIL = 'pat.power@rolegate.test';
const WAIT = { timeout: 20_000 };

let smtp: TestSmtpServer | undefined;
let site: Site | undefined;
let app: AppServer;
const browsers: TestBrowser[] = [];
/** Pat's phone. */
let person: Page;
/** Pat's other device, signed in too: the session that a reset must end. */
let laptop: Page;
let admin: Page;

async function openTab(width: typeof NARROW): Promise<Page> {
  const browser = await launchBrowser(width);
  browsers.push(browser);
  return browser.context.pages()[0] ?? (await browser.context.newPage());
}

beforeAll(async () => {
  site = await startSite(ADMIN, { EMAIL_VERIFICATION: 'required' });
  ({ smtp, app } = site);
  [person, laptop, admin] = await Promise.all([
    openTab(NARROW),
    openTab(DESKTOP),
    openTab(DESKTOP),
  ]);
});

afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()));
  await site?.stop();
});

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    for (const [who, page] of Object.entries({ person, laptop, admin })) {
      await page?.screenshot({
        path: `${SCREENSHOT_DIR}failed-${name}-${who}.png`,
        fullPage: true,
      });
    }
  });
});

failOnCspViolations(() => browsers);

/** Screenshot, axe-core, and no sideways scrolling at this tab's width. */
async function screen(page: Page, name: string): Promise<void> {
  expect(await checkScreen(page, name)).toEqual([]);
  expect(await horizontalOverflow(page)).toBe(0);
}

function mailTo(to: string, subject: RegExp) {
  return waitForMail(requireSmtp(), to, (m) => subject.test(m.parsed.subject ?? ''));
}

function mailsTo(to: string): string[] {
  return requireSmtp()
    .received.filter((m) => m.envelope.rcptTo.some((rcpt) => rcpt === to))
    .map((m) => `${m.parsed.subject}\n${m.parsed.text}`);
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('Accounts in Chromium', () => {
  it('signs up as power and lands on "check your inbox"; the admins hear nothing yet', async () => {
    await person.goto(`${app.url}/sign-up`);
    await person.getByLabel('Name', { exact: true }).fill(PAT.name);
    await person.getByLabel('Email', { exact: true }).fill(PAT.email);
    await person.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await person.getByRole('radio', { name: 'Power', exact: true }).check();
    await person.getByLabel(/Why do you need this level/).fill('I keep the catalogue up to date.');
    await person.getByRole('button', { name: 'Create account' }).click();

    await person.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await person.getByText(PAT.email, { exact: true }).waitFor();
    await screen(person, 'accounts-01-check-inbox');

    await mailTo(PAT.email, /Confirm your email address$/);
    // The verification mail went out through the same outbox: a mail to the admins would have too.
    expect(mailsTo(ADMIN.email).filter((mail) => mail.includes(PAT.name))).toEqual([]);
  });

  it('sends the link again, then counts down before the next', async () => {
    await person.getByRole('button', { name: 'Send the link again' }).click();
    await person.getByText(`We sent a new link to ${PAT.email}.`).waitFor();
    const countdown = person.getByRole('button', { name: /^Send the link again in 0:[0-5]\d$/ });
    expect(await countdown.getAttribute('aria-disabled')).toBe('true');
    await waitUntil(
      async () =>
        requireSmtp().received.filter(
          (m) =>
            m.envelope.rcptTo.includes(PAT.email) &&
            (m.parsed.subject ?? '').endsWith('Confirm your email address'),
        ).length === 2,
    );
    await screen(person, 'accounts-02-link-sent-again');
  });

  it('confirms the address from the mailed link; only now are the admins mailed, and one approves', async () => {
    const mail = await mailTo(PAT.email, /Confirm your email address$/);
    await person.goto(linkIn(mail, '/verify-email'));
    await person.getByRole('button', { name: 'Confirm my email address' }).waitFor();
    await screen(person, 'accounts-03-verify-email');
    await person.getByRole('button', { name: 'Confirm my email address' }).click();

    await person.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();
    await person.getByText(`Your address ${PAT.email} is confirmed.`).waitFor();
    expect(new URL(person.url()).search).toBe('');
    await person.getByText('Your request for Power access is waiting for an admin.').waitFor();

    const request = await waitForMail(requireSmtp(), ADMIN.email, (m) =>
      (m.parsed.text ?? '').includes(PAT.name),
    );
    const link = (request.parsed.text ?? '').match(
      /https?:\/\/\S+\/admin\/requests\/[0-9a-f-]{36}/,
    );
    await admin.goto(link?.[0] ?? `${app.url}/admin`);
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.getByRole('button', { name: `Approve Power for ${PAT.name}` }).click();
    await admin.getByText(`Approved: ${PAT.name} now has Power access`).waitFor();
    await person.getByRole('button', { name: 'New entry', exact: true }).waitFor(WAIT);
  });

  it('says a used link has expired and offers nothing to press', async () => {
    const mail = await mailTo(PAT.email, /Confirm your email address$/);
    await person.goto(linkIn(mail, '/verify-email'));
    await person.getByRole('button', { name: 'Confirm my email address' }).click();
    await person
      .getByRole('alert')
      .filter({ hasText: 'This link has expired or was already used' })
      .waitFor();
    await person.getByText(`Your address ${PAT.email} is already confirmed.`).waitFor();
    await screen(person, 'accounts-04-verify-link-used');
  });

  it('resets a forgotten password: the other device is signed out, this one signed in', async () => {
    await laptop.goto(`${app.url}/sign-in`);
    await signIn(laptop, PAT.email, PASSWORD);
    await laptop.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();

    await person.goto(`${app.url}/`);
    await person.getByRole('button', { name: 'Sign out', exact: true }).click();
    // By keyboard: the link comes right after the form's button.
    await person.getByRole('button', { name: 'Sign in', exact: true }).focus();
    await person.keyboard.press('Tab');
    expect(await person.evaluate(() => document.activeElement?.textContent)).toBe(
      'Forgot your password?',
    );
    await person.keyboard.press('Enter');
    await person.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await screen(person, 'accounts-05-forgot-password');
    await person.getByLabel('Email', { exact: true }).fill(PAT.email);
    await person.getByRole('button', { name: 'Send me a link' }).click();
    await person.getByText(/If an account exists for/).waitFor();
    await screen(person, 'accounts-06-reset-link-sent');

    const mail = await mailTo(PAT.email, /Reset your password$/);
    await person.goto(linkIn(mail, '/reset-password'));
    await person.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await person.getByLabel('New password again', { exact: true }).fill(`${NEW_PASSWORD}!`);
    await person.getByRole('button', { name: 'Save the new password and sign in' }).click();
    await person.getByText('The two passwords differ.', { exact: false }).waitFor();
    await screen(person, 'accounts-07-reset-password');
    await person.getByLabel('New password again', { exact: true }).fill(NEW_PASSWORD);
    await person.getByRole('button', { name: 'Save the new password and sign in' }).click();
    await person.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();
    expect(new URL(person.url()).search).toBe('');

    // The laptop's session ended: its next call finds no session and it shows the sign-in page.
    await laptop.reload();
    await laptop.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(laptop, PAT.email, PASSWORD);
    await laptop.getByRole('alert').filter({ hasText: /wrong/i }).waitFor();
    await signIn(laptop, PAT.email, NEW_PASSWORD);
    await laptop.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();
  });

  it('lists the sessions by device, and signs out everywhere else', async () => {
    await person.getByRole('link', { name: 'Account', exact: true }).click();
    await person.getByRole('heading', { name: 'Your account' }).waitFor();
    const sessions = person.getByRole('list').filter({ hasText: 'This device' });
    await sessions
      .getByText(/ on Linux$/)
      .first()
      .waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(2);
    await screen(person, 'accounts-08-account');

    await person.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await person.getByText('You are signed out everywhere but on this device.').waitFor();
    // Focus stays in the list it acted on, not lost with the button that went away.
    expect(await person.evaluate(() => document.activeElement?.id)).toBe('sessions-heading');
    await person.getByText('You are signed in on this device only.').waitFor();
    await laptop.reload();
    await laptop.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('changes the address: the old one is told, the new one confirmed from its link', async () => {
    await person.getByLabel('New email address', { exact: true }).fill(PAT_NEW_EMAIL);
    await person.getByLabel('Your password', { exact: true }).fill(NEW_PASSWORD);
    await person.getByRole('button', { name: 'Send a link to the new address' }).click();
    const sent = person.getByText(/Your address changes once you open it/);
    await sent.waitFor();
    await waitUntil(() => sent.evaluate((notice) => notice === document.activeElement));
    await screen(person, 'accounts-09-change-email-sent');

    const notice = await mailTo(PAT.email, /Your email address is being changed$/);
    expect(notice.parsed.text).toContain(PAT_NEW_EMAIL);
    const mail = await mailTo(PAT_NEW_EMAIL, /Confirm your new email address$/);
    await person.goto(linkIn(mail, '/verify-email'));
    await person.getByRole('button', { name: 'Confirm my email address' }).click();
    await person.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();

    await person.getByRole('link', { name: 'Account', exact: true }).click();
    await person.getByText(PAT_NEW_EMAIL, { exact: true }).waitFor();
    await person.getByRole('button', { name: 'Sign out', exact: true }).click();
    await person.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(person, PAT_NEW_EMAIL, NEW_PASSWORD);
    await person.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();
  });

  it('lays the account page out without sideways scrolling at 1280 px too', async () => {
    await laptop.goto(`${app.url}/sign-in`);
    await signIn(laptop, PAT_NEW_EMAIL, NEW_PASSWORD);
    await laptop.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();
    await laptop.goto(`${app.url}/account`);
    await laptop.getByRole('heading', { name: 'Your account' }).waitFor();
    await screen(laptop, 'accounts-10-account-desktop');
  });
});

function requireSmtp(): TestSmtpServer {
  if (!smtp) throw new Error('The SMTP server did not start.');
  return smtp;
}

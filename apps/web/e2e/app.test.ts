/**
 * The whole app in Debian's Chromium: the real built server (node apps/server/dist/main.js) serving
 * the built SPA, a real database, a real SMTP server capturing the mail. Each screen is saved to
 * artifacts/screenshots/ and checked with axe-core. The tests run in order: each builds on the last.
 */
import type { TestSmtpServer } from '@rolegate/mail/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server';
import { DESKTOP, launchBrowser, PHONE, type TestBrowser } from './support/browser';
import { failOnCspViolations } from './support/csp';
import { waitForMail } from './support/mail';
import { checkScreen, SCREENSHOT_DIR } from './support/screens';
import { type Site, startSite } from './support/site';
import { waitUntil } from './support/wait';

const PASSWORD = 'correct horse battery staple';
const ADMIN = { name: 'Admin', email: 'admin@rolegate.test', password: 'admin password 12345' };
const PAT = { name: 'Pat Power', email: 'pat@rolegate.test' };
const RITA = { name: 'Rita Reader', email: 'rita@rolegate.test' };
const DANA = { name: 'Dana Denied', email: 'dana@rolegate.test' };
const WAIT = { timeout: 20_000 };

let smtp: TestSmtpServer | undefined;
let site: Site | undefined;
let app: AppServer;
let personBrowser: TestBrowser | undefined;
let adminBrowser: TestBrowser | undefined;
/** The person's tab, at phone width: the same tab across tests, as someone would keep it open. */
let person: Page;
/** The admin's tab, at desktop width. */
let admin: Page;

beforeAll(async () => {
  site = await startSite(ADMIN);
  ({ smtp, app } = site);
  [personBrowser, adminBrowser] = await Promise.all([launchBrowser(PHONE), launchBrowser(DESKTOP)]);
  person = personBrowser.context.pages()[0] ?? (await personBrowser.context.newPage());
  admin = adminBrowser.context.pages()[0] ?? (await adminBrowser.context.newPage());
});

afterAll(async () => {
  await Promise.all([personBrowser?.close(), adminBrowser?.close()]);
  await site?.stop();
});

// A failing step leaves a picture of both tabs behind: CI keeps artifacts/, not the browser.
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await person?.screenshot({
      path: `${SCREENSHOT_DIR}failed-${name}-person.png`,
      fullPage: true,
    });
    await admin?.screenshot({ path: `${SCREENSHOT_DIR}failed-${name}-admin.png`, fullPage: true });
  });
});

failOnCspViolations(() => [personBrowser, adminBrowser]);

/** Screenshot plus axe-core: no serious or critical violation on the screen as it is now. */
async function screen(page: Page, name: string): Promise<void> {
  expect(await checkScreen(page, name)).toEqual([]);
}

async function fillSignUp(page: Page, who: { name: string; email: string }, level: string) {
  await page.goto(`${app.url}/sign-up`);
  await page.getByLabel('Name', { exact: true }).fill(who.name);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('radio', { name: level, exact: true }).check();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

describe('Rolegate in Chromium', () => {
  it('signs up as power: the dashboard shows editor actions and the pending banner', async () => {
    await fillSignUp(person, PAT, 'Power');
    await person.getByText('An admin must approve Power. Until then you start as Editor').waitFor();
    await person.getByLabel(/Why do you need this level/).fill('I keep the catalogue up to date.');
    await screen(person, '01-sign-up-power');

    await person.getByRole('button', { name: 'Create account' }).click();
    await person.getByRole('heading', { name: `Hello, ${PAT.name}` }).waitFor();
    await person.getByText('Your request for Power access is waiting for an admin.').waitFor();
    await person.getByRole('button', { name: 'Propose a new entry' }).waitFor();
    await person.getByRole('heading', { name: 'Proposals to review' }).waitFor();
    expect(await person.getByRole('button', { name: 'New entry', exact: true }).count()).toBe(0);
    await screen(person, '02-dashboard-pending');
  });

  it("opens the link in the admin's email as a signed-in admin and approves", async () => {
    const mail = await waitForMail(requireSmtp(), ADMIN.email, (m) =>
      (m.parsed.text ?? '').includes(PAT.name),
    );
    const link = (mail.parsed.text ?? '').match(
      /https?:\/\/\S+\/admin\/requests\/[0-9a-f-]{36}/,
    )?.[0];
    expect(link?.startsWith(`${app.url}/admin/requests/`)).toBe(true);

    await admin.goto(link ?? '');
    await admin.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screen(admin, '03-sign-in');
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.getByRole('heading', { name: 'Level request' }).waitFor();
    expect(new URL(admin.url()).pathname).toBe(new URL(link ?? '').pathname);
    await admin.getByText('I keep the catalogue up to date.').waitFor();
    await screen(admin, '04-admin-request');

    await admin.getByRole('button', { name: `Approve Power for ${PAT.name}` }).click();
    await admin.getByText(`Approved: ${PAT.name} now has Power access`).waitFor();
  });

  it('shows the person power actions without signing in again, and mails them the approval', async () => {
    // The tab stayed open: the dashboard asks for the session again while the request waits.
    await person.getByRole('button', { name: 'New entry', exact: true }).waitFor(WAIT);
    await person
      .getByText(/^An admin approved your request( on .+)?: you now have Power access\./)
      .waitFor();
    expect(await person.getByText(/is waiting for an admin/).count()).toBe(0);

    await person.getByRole('button', { name: 'New entry', exact: true }).click();
    await person.getByLabel('Title', { exact: true }).fill('Opening hours');
    await person.getByLabel('Text', { exact: true }).fill('Monday to Friday, nine to five.');
    await person.getByRole('button', { name: 'Add entry' }).click();
    const entry = person.getByRole('article', { name: 'Opening hours' });
    await entry.getByRole('button', { name: 'Edit Opening hours' }).waitFor();
    await entry.getByRole('button', { name: 'Delete Opening hours' }).waitFor();
    await screen(person, '05-dashboard-power');

    const mail = await waitForMail(requireSmtp(), PAT.email, (m) =>
      /now have power/i.test(m.parsed.subject ?? ''),
    );
    expect(mail.parsed.text).toContain('An admin approved your request');
  });

  it('keeps a reader out of /admin, and the server refuses its admin calls', async () => {
    await signOut(person);
    await fillSignUp(person, RITA, 'Reader');
    await person.getByRole('button', { name: 'Create account' }).click();
    await person.getByRole('heading', { name: `Hello, ${RITA.name}` }).waitFor();
    const entry = person.getByRole('article', { name: 'Opening hours' });
    await entry.waitFor();
    expect(await entry.getByRole('button').count()).toBe(0);
    expect(await person.getByRole('button', { name: /New entry|Propose/ }).count()).toBe(0);
    expect(await person.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await screen(person, '06-dashboard-reader');

    const adminChunks: string[] = [];
    person.on('request', (request) => {
      if (/\/assets\/admin-app-/.test(request.url())) adminChunks.push(request.url());
    });
    await person.goto(`${app.url}/admin`);
    await person.getByRole('heading', { name: 'Admins only' }).waitFor();
    expect(adminChunks).toEqual([]);
    await screen(person, '07-admin-refused');

    const refused = await person.evaluate(async () => {
      const list = await fetch('/trpc/admin.requests');
      const approve = await fetch('/trpc/admin.approve', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requestId: '00000000-0000-4000-8000-000000000000' }),
      });
      const codes = async (response: Response) =>
        ((await response.json()) as { error: { data: { code: string } } }).error.data.code;
      return [list.status, await codes(list), approve.status, await codes(approve)];
    });
    expect(refused).toEqual([403, 'FORBIDDEN', 403, 'FORBIDDEN']);
  });

  it('denies a request: the person keeps editor and is mailed the reason', async () => {
    await person.goto(`${app.url}/`);
    await signOut(person);
    await fillSignUp(person, DANA, 'Power');
    await person.getByRole('button', { name: 'Create account' }).click();
    await person.getByText('Your request for Power access is waiting for an admin.').waitFor();

    // By keyboard only: the deny form takes the focus, Escape closes it and gives the focus back to
    // its button, and after the decision the focus lands on the queue's heading, not on <body>.
    await admin.goto(`${app.url}/admin`);
    const denyButton = admin.getByRole('button', { name: `Deny Power for ${DANA.name}` });
    await denyButton.focus();
    await admin.keyboard.press('Enter');
    const reason = admin.getByLabel(`Reason for ${DANA.name} (optional)`);
    await reason.waitFor();
    expect(await reason.evaluate((field) => field === document.activeElement)).toBe(true);
    await admin.keyboard.press('Escape');
    await reason.waitFor({ state: 'detached' });
    expect(await denyButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await admin.keyboard.press('Enter');
    await reason.waitFor();
    await admin.keyboard.type('One power user is enough.');
    await admin.getByRole('button', { name: 'Deny request' }).focus();
    await admin.keyboard.press('Enter');
    await admin.getByText(`Denied: ${DANA.name} keeps Editor access`).waitFor();
    await admin.waitForFunction(() => document.activeElement?.id === 'requests-heading');
    await screen(admin, '08-admin-requests');

    await person
      .getByText(
        /^An admin did not approve your request for Power( on .+)?\. You keep Editor access\./,
      )
      .waitFor(WAIT);
    expect(await person.getByText(/is waiting for an admin/).count()).toBe(0);
    expect(await person.getByRole('button', { name: 'New entry', exact: true }).count()).toBe(0);
    await person.getByRole('button', { name: 'Propose a new entry' }).waitFor();

    const mail = await waitForMail(requireSmtp(), DANA.email, (m) =>
      /declined/i.test(m.parsed.subject ?? ''),
    );
    expect(mail.parsed.text).toContain('One power user is enough.');
  });

  it('says at the email field that an email is taken', async () => {
    await signOut(person);
    await fillSignUp(person, { name: 'Pat Again', email: PAT.email.toUpperCase() }, 'Reader');
    await person.getByRole('button', { name: 'Create account' }).click();
    await person.getByText('An account with this email already exists.').waitFor();
    const email = person.getByLabel('Email', { exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.evaluate((element) => element === document.activeElement)).toBe(true);
    await screen(person, '09-sign-up-email-taken');
  });

  it('says the email or password is wrong', async () => {
    await person.goto(`${app.url}/sign-in`);
    await signIn(person, PAT.email, 'not the password at all');
    await person.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await screen(person, '10-sign-in-wrong-password');
  });

  it('shows the admin the users, the mail queue and the mail settings diagnosis', async () => {
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
    for (const who of [PAT, RITA, DANA]) await admin.getByText(who.email).waitFor();
    await screen(admin, '11-admin-users');

    await admin.getByRole('link', { name: 'Mail', exact: true }).click();
    await admin.getByRole('heading', { name: 'Mail', exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Check mail settings' }).click();
    await admin.getByText('Mail settings work: messages can be delivered.').waitFor(WAIT);
    await admin.getByRole('article', { name: /Pat Power asks for power/i }).waitFor();
    await screen(admin, '12-admin-mail');
  });

  it('warns on every admin page while mail is failing, and a retry delivers', async () => {
    const server = requireSmtp();
    server.setFaults({ data: { code: 554, message: '5.7.1 Relay access denied' } });
    await signIn(person, RITA.email, PASSWORD);
    await person.getByRole('link', { name: 'Ask for a higher level' }).click();
    await person.getByRole('radio', { name: 'Power', exact: true }).check();
    await person.getByRole('button', { name: 'Ask for this level' }).click();
    await person.getByText('Your request for Power was sent to the admins.').waitFor();
    await waitUntil(async () => server.events.some((e) => e.type === 'data' && e.code === 554));
    server.setFaults({});
    // The worker records the failure just after the SMTP reply; wait for the API to say so.
    await waitUntil(() =>
      admin.evaluate(async () => {
        const body = (await (await fetch('/trpc/admin.mail')).json()) as {
          result?: { data?: { failing?: boolean } };
        };
        return body.result?.data?.failing === true;
      }),
    );

    const banner = admin.getByText('Mail is failing: notifications are not reaching people.');
    await admin.goto(`${app.url}/admin/users`);
    await banner.waitFor(WAIT);
    await admin.goto(`${app.url}/admin/mail`);
    await banner.waitFor();
    await screen(admin, '13-admin-mail-failing');

    await admin.getByRole('button', { name: /Retry now: .*Rita Reader/ }).click();
    await waitForMail(server, ADMIN.email, (m) => (m.parsed.subject ?? '').includes(RITA.name));
    await admin.reload();
    await admin.getByRole('heading', { name: 'Mail', exact: true }).waitFor();
    await admin
      .getByRole('article', { name: /Rita Reader/ })
      .getByText('Sent')
      .waitFor();
    expect(await banner.count()).toBe(0);
  });
});

function requireSmtp(): TestSmtpServer {
  if (!smtp) throw new Error('The SMTP server did not start.');
  return smtp;
}

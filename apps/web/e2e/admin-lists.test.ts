/**
 * The admin panel at scale in Chromium (issue 12): searching the users list (kept in the URL
 * across a reload), and the audit page with its CSV download, where a name a spreadsheet would run
 * arrives inert.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMutate } from './support/api';
import type { AppServer } from './support/app-server';
import { DESKTOP, launchBrowser, type TestBrowser } from './support/browser';
import { failOnCspViolations } from './support/csp';
import { checkScreen } from './support/screens';
import { type Site, startSite } from './support/site';

const ADMIN = { name: 'Admin', email: 'admin@lists.test', password: 'admin password 12345' };
const PASSWORD = 'correct horse battery staple';
const HOSTILE = '=HYPERLINK("http://x.test","open")';

let site: Site | undefined;
let app: AppServer;
let desktop: TestBrowser | undefined;

beforeAll(async () => {
  site = await startSite(ADMIN, { EMAIL_VERIFICATION: 'off' });
  ({ app } = site);
  desktop = await launchBrowser(DESKTOP);
  // Signed in once: the tabs share the browser context's session cookie.
  const tab = await desktop.context.newPage();
  await tab.goto(`${app.url}/sign-in`);
  await tab.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await tab.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
  await tab.getByRole('heading', { name: /Hello/ }).waitFor();
  await tab.close();
  for (const [name, email, role] of [
    ['Ada Lovelace', 'countess@lists.test', 'reader'],
    ['Grace Hopper', 'grace@lists.test', 'reader'],
    [HOSTILE, 'formula@lists.test', 'power'],
  ] as const) {
    await apiMutate(app.url, 'auth.register', { email, password: PASSWORD, name, role });
  }
});

afterAll(async () => {
  await desktop?.close();
  await site?.stop();
});

failOnCspViolations(() => [desktop]);

function signedInTab(): Promise<Page> {
  if (!desktop) throw new Error('the browser did not start');
  return desktop.context.newPage();
}

describe('the admin lists in a browser', () => {
  it('finds a person by part of their email, and keeps the search over a reload', async () => {
    const tab = await signedInTab();
    await tab.goto(`${app.url}/admin/users`);
    await tab.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await tab.getByRole('searchbox', { name: 'Search by name or email' }).fill('COUNTESS@');
    await tab.waitForURL(/\/admin\/users\?q=COUNTESS%40$/);
    await tab.getByRole('link', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });
    expect(await tab.getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toMatch(
      /^\/admin\/users\/[0-9a-f-]{36}$/,
    );
    await tab.reload();
    await tab.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    expect(await tab.getByRole('searchbox', { name: 'Search by name or email' }).inputValue()).toBe(
      'COUNTESS@',
    );
    expect(await tab.getByRole('link', { name: 'Grace Hopper' }).count()).toBe(0);
    const violations = await checkScreen(tab, 'admin-users-search');
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await tab.close();
  });

  it('shows a denial in the audit log and downloads it as CSV with the formula made inert', async () => {
    const tab = await signedInTab();
    await tab.goto(`${app.url}/admin`);
    await tab.getByRole('searchbox', { name: 'Search by name or email' }).fill('formula@');
    await tab.getByRole('button', { name: /^Deny Power for / }).click();
    await tab.getByRole('button', { name: 'Deny request' }).click();
    await tab.getByText(/^Denied: /).waitFor();

    await tab.getByRole('link', { name: 'Audit log' }).click();
    await tab.getByRole('rowheader', { name: 'Denied a level request' }).waitFor();
    await tab.getByRole('combobox', { name: 'Action' }).selectOption('level_request.denied');
    await tab.waitForURL(/\/admin\/audit\?action=level_request\.denied$/);
    // The person's name links to everything about them (the action filter gives way to it).
    await tab.getByRole('link', { name: HOSTILE }).click();
    await tab.locator('.active-filter', { hasText: HOSTILE }).waitFor();
    await tab.waitForURL(/\/admin\/audit\?subjectId=[0-9a-f-]{36}$/);
    const violations = await checkScreen(tab, 'admin-audit');
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.url()).toMatch(/\/admin\/audit\.csv\?subjectId=[0-9a-f-]{36}$/);
    const text = await readFile((await download.path()) ?? '', 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,at,action,actor_id,/);
    expect(lines).toHaveLength(2);
    // The name, quoted (it holds commas and quotes) and led by an apostrophe: text, not a formula.
    expect(lines[1]).toContain(`"'${HOSTILE.replaceAll('"', '""')}"`);
    await tab.close();
  });
});

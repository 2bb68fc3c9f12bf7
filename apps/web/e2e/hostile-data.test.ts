/**
 * "Long and hostile data": the longest name, reason and entry the API accepts, right-to-left text
 * and emoji, on the screens that show them, at phone and desktop width. No screen may scroll
 * sideways, and axe-core finds nothing serious. The data goes in through the API over HTTP, as any
 * client could send it; the screens are looked at in Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMutate } from './support/api';
import { type AppServer, startAppServer } from './support/app-server';
import { DESKTOP, launchBrowser, PHONE, type TestBrowser } from './support/browser';
import { createTestDatabase, type TestDatabase } from './support/database';
import { checkScreen } from './support/screens';

const PASSWORD = 'correct horse battery staple';
const ADMIN = { email: 'admin@hostile.test', password: 'admin password 12345' };

/** `pattern` repeated to exactly `length` UTF-16 units (what the API counts), no pair split. */
function fill(pattern: string, length: number): string {
  let text = '';
  for (const char of Array.from(pattern.repeat(Math.ceil(length / pattern.length) + 1))) {
    if (text.length + char.length > length) break;
    text += char;
  }
  return text.padEnd(length, 'x');
}

// One word each: nothing for the browser to break the line at but what the stylesheet allows.
const NAME = fill('Hildegardis·שלום·مرحبا·🙂', 100);
const REASON = `${fill('Begründung·עברית·🚀', 600)} ${fill('ثم نص عربي طويل ', 399)}`;
const TITLE = fill('Überschrift·כותרת·📚', 200);
const BODY = `${fill('Eintrag·ערך·🧪', 5000)}\n${fill('سطر عربي طويل جدا ', 15_000 - 1)}`;

let database: TestDatabase | undefined;
let app: AppServer;
let phone: TestBrowser | undefined;
let desktop: TestBrowser | undefined;

const mutate = (path: string, input: unknown, cookie?: string) =>
  apiMutate(app.url, path, input, cookie);

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The page is no wider than the window, and axe-core finds nothing serious or critical. */
async function expectFits(page: Page, name: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect({ name, scrollWidth }).toEqual({ name, scrollWidth: clientWidth });
  expect(await checkScreen(page, name)).toEqual([]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({
    DATABASE_URL: database.url,
    EMAIL_BACKEND: 'memory',
    EMAIL_VERIFICATION: 'off',
    ROLEGATE_ADMIN_EMAIL: ADMIN.email,
    ROLEGATE_ADMIN_PASSWORD: ADMIN.password,
  });
  [phone, desktop] = await Promise.all([launchBrowser(PHONE), launchBrowser(DESKTOP)]);

  // A contributor with the longest name asks for power with the longest reason; the admin (power)
  // writes the longest entry, which the contributor proposes to change.
  const person = await mutate('auth.register', {
    email: 'hostile@hostile.test',
    password: PASSWORD,
    name: NAME,
    role: 'contributor',
  });
  await mutate('account.requestLevel', { role: 'power', reason: REASON }, person.cookie);
  const admin = await mutate('auth.login', ADMIN);
  const saved = await mutate('entries.save', { title: TITLE, body: BODY }, admin.cookie);
  const entry = (saved.data as { entry: { id: string; version: number } }).entry;
  await mutate(
    'entries.propose',
    {
      entryId: entry.id,
      baseVersion: entry.version,
      title: TITLE,
      body: `${BODY.slice(0, 19_000)}`,
    },
    person.cookie,
  );
}, 180_000);

afterAll(async () => {
  await Promise.all([phone?.close(), desktop?.close()]);
  await app?.stop();
  await database?.drop();
});

describe('long and hostile data', () => {
  it('the dashboard of the person with the longest name fits a 360 px phone', async () => {
    const page = phone?.context.pages()[0] ?? (await phone?.context.newPage());
    if (!page) throw new Error('no phone tab');
    await signIn(page, 'hostile@hostile.test', PASSWORD);
    await page.getByRole('heading', { name: 'Your proposals' }).waitFor();
    await page.getByRole('heading', { name: TITLE }).first().waitFor();
    await expectFits(page, 'hostile-dashboard-360');
  });

  it('the admin pages fit at 1280 px', async () => {
    const page = await desktop?.context.newPage();
    if (!page) throw new Error('no desktop tab');
    await signIn(page, ADMIN.email, ADMIN.password);
    // Going on before the sign-in has landed would cut it off and open /admin signed out.
    await page.getByRole('heading', { name: 'Proposals to review' }).waitFor();
    await page.goto(`${app.url}/admin`);
    await page.getByText(REASON.slice(0, 40)).waitFor();
    await expectFits(page, 'hostile-admin-requests-1280');
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('rowheader', { name: NAME }).waitFor();
    await expectFits(page, 'hostile-admin-users-1280');
    await page.goto(`${app.url}/admin/mail`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectFits(page, 'hostile-admin-mail-1280');
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { name: 'Proposals to review' }).waitFor();
    await page.getByRole('heading', { name: TITLE }).first().waitFor();
    await expectFits(page, 'hostile-admin-dashboard-1280');
    await page.close();
  });
});

import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  npmChromium,
  PHONE,
  type ResolvedChromium,
  resolveChromium,
  type TestBrowser,
} from './chromium.js';

let server: Server;
let url: string;
let browser: TestBrowser | undefined;

beforeAll(async () => {
  // A page whose own policy refuses its inline script.
  server = createServer((_request, response) => {
    response.setHeader('content-security-policy', "script-src 'none'");
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>csp</title><script>document.title = "ran"</script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  url = `http://127.0.0.1:${address.port}/`;
});
// The first resolution on a new machine unpacks the npm build (seconds, more under load): a one-off
// cost of the machine, paid here rather than inside the first test's bound.
beforeAll(async () => {
  await npmChromium();
  await resolveChromium();
}, 300_000);

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function expectCspPageWorks(chosen?: ResolvedChromium): Promise<void> {
  browser = await launchChromium({ viewport: PHONE, browser: chosen });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  expect(await page.title()).toBe('csp');
  expect(page.viewportSize()).toEqual(PHONE);
  await expect.poll(() => browser?.cspViolations.length, { timeout: 5_000 }).toBeGreaterThan(0);
  expect(browser.cspViolations[0]).toMatch(/^Refused by script-src/);
}

describe('the Chromium the tests use', () => {
  it('launches at the viewport asked for and reports what the CSP refused', async () => {
    await expectCspPageWorks();
  }, 60_000);

  it('is the npm package’s own build when the machine has none, and that build runs here', async () => {
    const resolved = await resolveChromium();
    const fromNpm = await npmChromium();
    if (resolved.source === 'npm') expect(resolved).toEqual(fromNpm);
    expect(fromNpm.executablePath).toContain('sparticuz-chromium-');
    await expectCspPageWorks(fromNpm);
  }, 120_000);
});

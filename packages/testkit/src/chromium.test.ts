import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, PHONE, type TestBrowser } from './chromium.js';

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
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

it('launches Debian Chromium at the viewport asked for and reports what the CSP refused', async () => {
  browser = await launchChromium({ viewport: PHONE });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  expect(await page.title()).toBe('csp');
  expect(page.viewportSize()).toEqual(PHONE);
  await expect.poll(() => browser?.cspViolations.length, { timeout: 5_000 }).toBeGreaterThan(0);
  expect(browser.cspViolations[0]).toMatch(/^Refused by script-src/);
}, 60_000);

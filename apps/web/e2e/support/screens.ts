import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../artifacts/screenshots/', import.meta.url),
);
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Screenshots stop this far down. A page of the longest entries is 40,000 px tall on a phone, and
 * Chromium took over 30 s to paint that on a loaded CI machine; the top of the page is what a person
 * looks at, and the width and accessibility checks still cover the whole page.
 */
const SCREENSHOT_MAX_HEIGHT = 4_000;

/** Saves a screenshot of the page (its top, when tall) and returns the serious or critical accessibility violations. */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let transitions and live regions settle so the picture and the audit see the final state.
  await page.waitForLoadState('networkidle');
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path: `${SCREENSHOT_DIR}${name}.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, SCREENSHOT_MAX_HEIGHT) },
  });
  // Evaluated through the DevTools protocol, not added as an inline <script>: the app's CSP
  // (script-src 'self') rightly refuses inline scripts, and the audit must not need a weaker one.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document) => Promise<AxeResults> };
    };
    return axe.run(document);
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${name}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// TOOLCHAIN.md: Debian's Chromium with these flags; the profile directory is the first argument of
// launchPersistentContext (a --user-data-dir flag is refused).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export interface TestBrowser {
  context: BrowserContext;
  /** What Chromium refused under the app's Content-Security-Policy, one line each. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** One browser with its own profile, so each person in a test has their own cookies. */
export async function launchBrowser(viewport: {
  width: number;
  height: number;
}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'rolegate-web-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport,
  });
  const cspViolations: string[] = [];
  // Chromium logs CSP refusals ("Refused to …") to the DevTools log, which Playwright's console
  // event does not carry; the page's securitypolicyviolation event reports the same refusals.
  await context.exposeBinding('reportCspViolation', (_source, violation: string) => {
    cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation(violation: string): void })
      .reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = `${event.sourceFile || event.documentURI}:${event.lineNumber}`;
      report(`Refused by ${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${where})`);
    });
  });
  return {
    context,
    cspViolations,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

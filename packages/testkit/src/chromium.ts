/**
 * Debian's Chromium (`apt-get install chromium`) through playwright-core: never a browser build of
 * Playwright's own, which cannot be downloaded here.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The flags this machine's Chromium is known to run with (TOOLCHAIN.md): without the
 * background-networking ones it keeps dialling out into a closed network. The new empty profile
 * directory is launchPersistentContext's first argument, since a --user-data-dir flag is refused.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Viewport {
  width: number;
  height: number;
}

export const PHONE: Viewport = { width: 390, height: 844 };
export const DESKTOP: Viewport = { width: 1280, height: 900 };

export interface TestBrowser {
  context: BrowserContext;
  /** What Chromium refused under a page's Content-Security-Policy, one line each. */
  cspViolations: string[];
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** One browser with its own new, empty profile, so each person in a test has their own cookies. */
export async function launchChromium({
  viewport = DESKTOP,
}: {
  viewport?: Viewport;
} = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need it. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'rolegate-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_FLAGS],
      viewport,
    })
    .catch(async (error: unknown) => {
      await rm(profile, { recursive: true, force: true });
      throw error;
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

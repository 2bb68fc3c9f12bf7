/**
 * The browser tests' Chromium, through playwright-core: the machine's own when it has one
 * (CHROMIUM_PATH, Debian's or Ubuntu's chromium, Google Chrome), else the one the npm package
 * `@sparticuz/chromium` ships, so `pnpm test` needs nothing but Node. Never a browser download
 * (decision 019).
 */
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { unpackNpmChromium } from './npm-chromium.js';

/** Where a system browser is looked for, in this order, when CHROMIUM_PATH is unset. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

export interface ResolvedChromium {
  executablePath: string;
  /** Added to the browser process's environment (the npm build's libraries and fonts). */
  env: Record<string, string>;
  /** Where it came from, for a test's failure message and the docs. */
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
}

let resolved: Promise<ResolvedChromium> | undefined;

/** The browser to launch: resolved once per process. */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= findChromium();
  return resolved;
}

async function findChromium(): Promise<ResolvedChromium> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutable(chosen)) {
      throw new Error(
        `CHROMIUM_PATH=${chosen} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use the one from npm.`,
      );
    }
    return { executablePath: chosen, env: {}, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find(isExecutable);
  if (system) return { executablePath: system, env: {}, source: 'system' };
  return npmChromium();
}

/** The npm package's Chromium, whatever the machine has (its own test runs it on every machine). */
export async function npmChromium(): Promise<ResolvedChromium> {
  const unpacked = await unpackNpmChromium();
  return { executablePath: unpacked.executablePath, env: unpacked.env, source: 'npm' };
}

function definedOnly(variables: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The flags Chromium runs with here: without the background-networking ones it keeps dialling
 * out into a closed network. The new empty profile directory is launchPersistentContext's first
 * argument, since a --user-data-dir flag is refused.
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
  browser,
}: {
  viewport?: Viewport;
  /** Which Chromium; resolveChromium()'s choice by default. */
  browser?: ResolvedChromium;
} = {}): Promise<TestBrowser> {
  const { executablePath, env } = browser ?? (await resolveChromium());
  const profile = await mkdtemp(path.join(tmpdir(), 'rolegate-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath,
      env: { ...definedOnly(process.env), ...env },
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

/**
 * Debian's Chromium through playwright-core, as apps/web/e2e/support/browser.ts starts it, and a
 * production server whose APP_URL is its own address, so pages the browser loads from it may call
 * mutations (the Origin check compares with APP_URL).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { appProcess } from '../harness/app-process.js';
import { freePort, SERVER_MAIN, sleep } from '../harness/index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// TOOLCHAIN.md: the profile directory is launchPersistentContext's first argument.
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

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'rolegate-security-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** `node apps/server/dist/main.js` on a free port with APP_URL = http://127.0.0.1:<that port>. */
export async function startOwnOriginServer(env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = appProcess({
    label: 'server (APP_URL = its own address)',
    args: [SERVER_MAIN],
    env: { ...env, PORT: String(port), APP_URL: url },
    ready: async (self) => {
      for (let tries = 0; tries < 600; tries++) {
        if (!self.running) throw new Error('it exited before answering /healthz');
        const ok = await fetch(`${url}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        await sleep(100);
      }
      throw new Error('/healthz did not answer within 60 s');
    },
  });
  await server.start();
  return Object.assign(server, { url });
}

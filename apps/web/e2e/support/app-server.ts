import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startBuiltServer } from '@rolegate/testkit';

const WEB_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

/** The app's origin (`url`, also its APP_URL), its output for a failing test's message, stop(). */
export type AppServer = ServerProcess;

/** Starts the real built server (`node apps/server/dist/main.js`) serving the built web app. */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(
      `${WEB_INDEX} is missing: run \`pnpm --filter @rolegate/web build\` (or \`pnpm test\`, which builds first).`,
    );
  }
  // Verification off unless a test turns it on: most flows go on right after signing up.
  return startBuiltServer(
    { LOG_LEVEL: 'warn', EMAIL_VERIFICATION: 'off', ...env },
    { label: 'app server', ownOrigin: true },
  );
}

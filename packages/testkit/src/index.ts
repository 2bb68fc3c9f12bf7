/**
 * Test support shared across the workspace. Chromium is a separate entry,
 * `@rolegate/testkit/chromium`, so tests without a browser never load playwright-core.
 */
export {
  type AppProcess,
  type AppProcessOptions,
  appProcess,
  describeExit,
  type ExitInfo,
} from './app-process.js';
export {
  assertServerBuilt,
  type BuiltServerOptions,
  CLI_MAIN,
  SERVER_MAIN,
  type ServerProcess,
  startBuiltServer,
} from './built-server.js';
export { CookieJar } from './cookie-jar.js';
export { type DirectoryLockOptions, withDirectoryLock } from './directory-lock.js';
export { freePort } from './free-port.js';

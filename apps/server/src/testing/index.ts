export { CookieJar } from '@rolegate/testkit';
export { callerError, clientError } from './errors.js';
export {
  type Caller,
  type CallerOptions,
  type ConfigOverrides,
  contextWithAdmin,
  createTestContext,
  type TestContext,
  type TestContextOptions,
  testConfig,
} from './test-context.js';
export {
  type LoggedTestServer,
  startLoggedTestServer,
  startTestServer,
  type TestClient,
  type TestServer,
} from './test-server.js';

import { afterAll } from 'vitest';
import { type StartSmtpServerOptions, startSmtpServer, type TestSmtpServer } from './index.js';

/**
 * Returns a starter for test SMTP servers that closes every server it started once the calling
 * test file is done. Call it at the top of a file. A file-level afterAll, not onTestFinished:
 * the global onTestFinished cannot tell concurrent tests apart after an `await`.
 */
export function smtpServers(): (options?: StartSmtpServerOptions) => Promise<TestSmtpServer> {
  const started: TestSmtpServer[] = [];
  afterAll(() => Promise.all(started.map((server) => server.close())));
  return async (options = {}) => {
    const server = await startSmtpServer(options);
    started.push(server);
    return server;
  };
}

/**
 * Test fixtures for code that sends mail: `@rolegate/mail/testing`. Not for production imports
 * (it pulls in smtp-server, mailparser and selfsigned, which are dev dependencies).
 */
export { certificateFor, type TestCertificate, testCertificate } from './certificate.js';
export type { SmtpFaults, SmtpReply } from './faults.js';
export {
  type ReceivedMessage,
  type SmtpEvent,
  type StartSmtpServerOptions,
  startSmtpServer,
  type TestSmtpServer,
} from './smtp-server.js';

import type { ReceivedMessage, TestSmtpServer } from '@rolegate/mail/testing';

/** Waits for a message the SMTP server received to `to` that matches, or fails naming what came. */
export async function waitForMail(
  smtp: TestSmtpServer,
  to: string,
  matches: (message: ReceivedMessage) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<ReceivedMessage> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = smtp.received.find(
      (message) =>
        message.envelope.rcptTo.some((rcpt) => rcpt.toLowerCase() === to.toLowerCase()) &&
        matches(message),
    );
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen = smtp.received.map((m) => `${m.envelope.rcptTo.join(',')}: ${m.parsed.subject}`);
  throw new Error(
    `No matching mail to ${to} within ${timeoutMs} ms. Received: ${seen.join(' | ') || 'nothing'}`,
  );
}

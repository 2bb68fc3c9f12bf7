import { hostname } from 'node:os';
import { createTransport } from 'nodemailer';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, pass, replyCode } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import { explainRecipientRefusal, explainSenderRefusal, type Party } from './envelope.js';
import { errorCommand, errorMessage, errorReply } from './errors.js';

/** Sends a real test message, as Django's sendtestemail does, and reports the server's answer. */
export async function checkSend(
  options: SMTPConnection.Options,
  transport: SmtpTransport,
  names: SettingNames,
  sender: Party,
  sendTo: string,
): Promise<Check> {
  const { username, password } = transport;
  const transporter = createTransport({
    ...options,
    ...(username === null ? {} : { auth: { user: username, pass: password ?? '' } }),
  });
  try {
    const info = await transporter.sendMail({
      from: sender.address,
      to: sendTo,
      subject: `Test email from ${hostname()} on ${new Date().toISOString()}`,
      text: "If you're reading this, it was successful.",
    });
    return pass(
      'send',
      `Sent a test message to ${sendTo}; the server answered "${info.response}".`,
      {
        detail: info.response,
      },
    );
  } catch (error) {
    return { ...explainSendError(error, transport, names, sender, sendTo), step: 'send' };
  } finally {
    transporter.close();
  }
}

function explainSendError(
  error: unknown,
  transport: SmtpTransport,
  names: SettingNames,
  sender: Party,
  sendTo: string,
): Check {
  const reply = errorReply(error);
  if (reply === undefined) {
    return fail(
      'send',
      `Sending the test message to ${sendTo} failed: ${errorMessage(error)}.`,
      'Run the check again; the earlier steps passed, so this is likely a dropped connection.',
      errorMessage(error),
    );
  }
  const status = Number(reply.slice(0, 3));
  const command = errorCommand(error);
  if (command === 'MAIL FROM')
    return explainSenderRefusal({ status, text: reply }, sender, transport, names);
  if (command === 'RCPT TO') {
    const recipient = { address: sendTo, setting: '--send-to' };
    return explainRecipientRefusal({ status, text: reply }, recipient, '', transport, names);
  }
  return fail(
    'send',
    `The server refused the test message to ${sendTo} (${replyCode(reply)}).`,
    'Read the server’s reply below; content filters and size limits are the usual causes.',
    reply,
  );
}

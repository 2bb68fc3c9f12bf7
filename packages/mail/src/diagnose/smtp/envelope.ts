import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, pass, replyCode } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import type { Reply, SmtpSession } from './session.js';

/** An envelope address and the setting it came from, e.g. DEFAULT_FROM_EMAIL. */
export interface Party {
  address: string;
  setting: string;
}

interface SenderResult {
  sender: Party;
  mailFrom: Reply;
  rcptTo: { recipient: Party; reply: Reply }[];
}

export interface EnvelopeResult {
  checks: Check[];
  /** Senders the server accepted: sending a test message needs DEFAULT_FROM_EMAIL among them. */
  accepted: Set<string>;
}

/** MAIL FROM each sender, RCPT TO each recipient, then RSET: catches refusals without sending. */
export async function checkEnvelope(
  session: SmtpSession,
  transport: SmtpTransport,
  names: SettingNames,
  senders: Party[],
  recipients: Party[],
): Promise<EnvelopeResult> {
  const results: SenderResult[] = [];
  await session.converse(async (send) => {
    for (const sender of senders) {
      const mailFrom = await send(`MAIL FROM:<${sender.address}>`);
      const rcptTo = [];
      if (isPositive(mailFrom)) {
        for (const recipient of recipients) {
          rcptTo.push({ recipient, reply: await send(`RCPT TO:<${recipient.address}>`) });
        }
      }
      await send('RSET');
      results.push({ sender, mailFrom, rcptTo });
    }
  });
  const checks: Check[] = [];
  const accepted = new Set<string>();
  for (const { sender, mailFrom, rcptTo } of results) {
    if (!isPositive(mailFrom)) {
      checks.push(explainSenderRefusal(mailFrom, sender, transport, names));
      continue;
    }
    accepted.add(sender.address);
    checks.push(
      pass('sender', `The server accepts ${sender.address} (${sender.setting}) as the sender.`),
    );
    checks.push(...recipientChecks(rcptTo, sender, senders.length > 1, transport, names));
  }
  return { checks, accepted };
}

function isPositive(reply: Reply): boolean {
  return reply.status >= 200 && reply.status < 300;
}

function recipientChecks(
  rcptTo: SenderResult['rcptTo'],
  sender: Party,
  nameSender: boolean,
  transport: SmtpTransport,
  names: SettingNames,
): Check[] {
  const from = nameSender ? ` from ${sender.address}` : '';
  if (rcptTo.length === 0) {
    return [
      pass(
        'recipients',
        `No recipients to try: ADMINS is empty and none were given, so only the sender was checked.`,
      ),
    ];
  }
  const refused = rcptTo.filter(({ reply }) => !isPositive(reply));
  if (refused.length === 0) {
    const list = rcptTo.map(({ recipient }) => recipient.address).join(', ');
    const settings = [...new Set(rcptTo.map(({ recipient }) => recipient.setting))].join(', ');
    return [
      pass(
        'recipients',
        `The server accepts ${list} (${settings}) as recipients${from}; the check then reset the session (RSET), so nothing was sent.`,
      ),
    ];
  }
  return refused.map(({ recipient, reply }) =>
    explainRecipientRefusal(reply, recipient, from, transport, names),
  );
}

export function explainSenderRefusal(
  reply: Reply,
  sender: Party,
  transport: SmtpTransport,
  names: SettingNames,
): Check {
  const code = replyCode(reply.text);
  const { address, setting } = sender;
  if (reply.status === 530) {
    return transport.username === null
      ? fail(
          'auth',
          `The server requires a login before it takes mail (${code}), but ${names.user} is not set.`,
          `Set ${names.user} and ${names.password} to the account's credentials.`,
          reply.text,
        )
      : fail(
          'auth',
          `The server still requires a login (${code}) although the check logged in as ${transport.username}.`,
          `Check ${names.host} and ${names.port} against the provider's documentation.`,
          reply.text,
        );
  }
  if (reply.status >= 400 && reply.status < 500) {
    return fail(
      'sender',
      `The server put off the sender ${address} for now (${code}): a temporary refusal, often a rate limit.`,
      'Try again in a few minutes; if it persists, ask the provider.',
      reply.text,
    );
  }
  if (reply.status === 501) {
    return fail(
      'sender',
      `The server rejects ${address} as a malformed address (${code}).`,
      `Set ${setting} to a plain address such as rolegate@example.com.`,
      reply.text,
    );
  }
  const user = transport.username ?? 'this client';
  return fail(
    'sender',
    `The server does not let ${user} send as ${address} (${code}).`,
    `Set ${setting} to an address the account owns, or give the account send-as rights for ${address}.`,
    reply.text,
  );
}

export function explainRecipientRefusal(
  reply: Reply,
  recipient: Party,
  from: string,
  transport: SmtpTransport,
  names: SettingNames,
): Check {
  const code = replyCode(reply.text);
  const { address, setting } = recipient;
  if (reply.status >= 400 && reply.status < 500) {
    return fail(
      'recipients',
      `The server put off the recipient ${address}${from} for now (${code}): greylisting or a rate limit.`,
      'Try again in a few minutes; a real message would be retried.',
      reply.text,
    );
  }
  if (/relay/i.test(reply.text) || /^5\d\d[ -]5\.7\.(1|54)\b/.test(reply.text)) {
    return fail(
      'recipients',
      `The server refuses to relay to ${address}${from} (${code}): it takes mail for other domains only from logged-in clients or allowed IPs.`,
      transport.username === null
        ? `Set ${names.user} and ${names.password} to an account on this server, or have its administrator allow relaying from this machine's IP.`
        : `The account ${transport.username} may not send to other domains: check its sending rights with the provider.`,
      reply.text,
    );
  }
  if (
    /^5\d\d[ -]5\.1\.1\b/.test(reply.text) ||
    /unknown|no such|does not exist|not found/i.test(reply.text)
  ) {
    return fail(
      'recipients',
      `The server says ${address} does not exist (${code}).`,
      `Correct the address in ${setting}.`,
      reply.text,
    );
  }
  return fail(
    'recipients',
    `The server refuses ${address} as a recipient${from} (${code}).`,
    `Check the address in ${setting}, and whether the account may send to it.`,
    reply.text,
  );
}

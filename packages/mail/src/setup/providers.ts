/**
 * Providers whose SMTP settings are known, keyed by the domain of the address (mailbox providers)
 * or by their SMTP host (sending services, used with the customer's own domain). `mail setup`
 * tries a known provider's hosts before guessing, and prints its pitfalls with the result.
 */
import { isIP } from 'node:net';

export interface Provider {
  name: string;
  /** Address domains that belong to this provider. */
  domains: readonly string[];
  /** Its submission hosts, best first. */
  hosts: readonly string[];
  /** Ports worth trying first, best first (the rest of --ports is tried too). */
  ports: readonly number[];
  /** What the login name is, when it is not the address. */
  user?: string;
  pitfalls: readonly string[];
}

export const PROVIDERS: readonly Provider[] = [
  {
    name: 'Gmail / Google Workspace',
    domains: ['gmail.com', 'googlemail.com'],
    hosts: ['smtp.gmail.com'],
    ports: [587, 465],
    pitfalls: [
      'Gmail needs 2-Step Verification and an App Password (https://myaccount.google.com/apppasswords), not the account password (reply 534 5.7.9 otherwise).',
      'The sender must be the account or a verified "Send mail as" alias; a personal account sends a few hundred messages a day.',
    ],
  },
  {
    name: 'Outlook.com / Microsoft 365',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'outlook.de', 'hotmail.co.uk'],
    hosts: ['smtp-mail.outlook.com', 'smtp.office365.com'],
    ports: [587],
    pitfalls: [
      'Microsoft 365 turns SMTP AUTH off per mailbox (535 5.7.139): enable Authenticated SMTP in the admin center.',
      'Sending as another address needs Send As rights (550 5.7.60); Microsoft is retiring basic auth for SMTP, so plan for a sending service.',
    ],
  },
  {
    name: 'Yahoo Mail',
    domains: ['yahoo.com', 'ymail.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr'],
    hosts: ['smtp.mail.yahoo.com'],
    ports: [465, 587],
    pitfalls: [
      'Yahoo needs an app password (Account security → Generate app password).',
      'The sender must be the account itself.',
    ],
  },
  {
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    hosts: ['smtp.mail.me.com'],
    ports: [587],
    user: 'the Apple ID address (for me.com and mac.com addresses too)',
    pitfalls: [
      'iCloud needs an app-specific password (appleid.apple.com → Sign-In and Security → App-Specific Passwords).',
      'Only STARTTLS on 587 is offered; the sender must be the account or one of its aliases.',
    ],
  },
  {
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'messagingengine.com'],
    hosts: ['smtp.fastmail.com'],
    ports: [465, 587],
    pitfalls: [
      'Fastmail needs an app password with SMTP access (Settings → Privacy & Security → App passwords).',
      'The sender must be one of the account’s addresses or aliases.',
    ],
  },
  {
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zohomail.eu'],
    hosts: ['smtp.zoho.com', 'smtp.zoho.eu', 'smtppro.zoho.com'],
    ports: [465, 587],
    pitfalls: [
      'Zoho’s host depends on the data centre of the account (smtp.zoho.eu for EU accounts, smtppro.zoho.com for custom domains).',
      'With two-factor authentication on, use an application-specific password; the sender must be the account.',
    ],
  },
  {
    name: 'GMX',
    domains: ['gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch'],
    hosts: ['mail.gmx.com', 'mail.gmx.net'],
    ports: [587, 465],
    pitfalls: [
      'GMX sends over SMTP only once "POP3/IMAP access" is turned on in the web mail settings.',
      'The sender must be the account; GMX limits how many messages a day an account sends.',
    ],
  },
  {
    name: 'Proton Mail (through Proton Mail Bridge)',
    domains: ['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'],
    hosts: ['127.0.0.1'],
    ports: [1025],
    pitfalls: [
      'Proton Mail sends only through Proton Mail Bridge (paid plans) running on this machine, usually 127.0.0.1:1025 with STARTTLS: pass --host 127.0.0.1 --ports 1025.',
      'The password is the one Bridge shows, not the account password; Bridge’s certificate is self-signed, so trust it with NODE_EXTRA_CA_CERTS (Bridge can export it).',
    ],
  },
  {
    name: 'SendGrid',
    domains: [],
    hosts: ['smtp.sendgrid.net'],
    ports: [587, 465, 2525],
    user: 'apikey (literally)',
    pitfalls: [
      'The user is literally "apikey" and the password is an API key with Mail Send permission.',
      'DEFAULT_FROM_EMAIL must be a verified sender identity; use port 2525 where 587 is blocked.',
    ],
  },
  {
    name: 'Mailgun',
    domains: [],
    hosts: ['smtp.mailgun.org', 'smtp.eu.mailgun.org'],
    ports: [587, 465, 2525],
    pitfalls: [
      'EU domains use smtp.eu.mailgun.org; the user is the domain’s SMTP login, e.g. postmaster@mg.example.com.',
      'A sandbox domain delivers only to authorised recipients.',
    ],
  },
  {
    name: 'Amazon SES',
    domains: [],
    hosts: [
      'email-smtp.us-east-1.amazonaws.com',
      'email-smtp.eu-west-1.amazonaws.com',
      'email-smtp.eu-central-1.amazonaws.com',
    ],
    ports: [587, 465, 2587],
    pitfalls: [
      'SES needs SMTP credentials made in the SES console, not IAM access keys; the host names the region.',
      'In the sandbox both the sender and every recipient must be verified.',
    ],
  },
  {
    name: 'Postmark',
    domains: [],
    hosts: ['smtp.postmarkapp.com'],
    ports: [587, 2525],
    user: 'the server API token (also the password)',
    pitfalls: [
      'User and password are both the server API token; the sender must be a confirmed sender signature or domain.',
      'Bulk mail goes through the broadcast stream (smtp-broadcasts.postmarkapp.com), not this one.',
    ],
  },
  {
    name: 'Brevo',
    domains: [],
    hosts: ['smtp-relay.brevo.com'],
    ports: [587, 465, 2525],
    user: 'the SMTP login Brevo shows (not the account address)',
    pitfalls: [
      'Brevo’s SMTP login and key are on the SMTP & API page, not the account’s sign-in.',
      'The sender must be a verified sender or domain; new accounts have a daily sending limit.',
    ],
  },
];

/** The provider an address's domain belongs to, if it is a known mailbox provider. */
export function providerForDomain(domain: string): Provider | undefined {
  const wanted = domain.toLowerCase();
  return PROVIDERS.find((provider) => provider.domains.includes(wanted));
}

/** The provider an SMTP host belongs to, e.g. smtp.sendgrid.net → SendGrid (never an IP address). */
export function providerForHost(host: string): Provider | undefined {
  if (isIP(host) !== 0) return undefined;
  const wanted = host.toLowerCase();
  return PROVIDERS.find((provider) => provider.hosts.includes(wanted));
}

import { parseArgs } from 'node:util';
import { emailSchema } from '@rolegate/core';
import { type Address, DEFAULT_SETUP_PORTS, parseAddress } from '@rolegate/mail';
import { UsageError } from './command.js';

export const SETUP_USAGE =
  'rolegate mail setup [--from ADDR] [--host HOST] [--user USER] [--password-stdin]\n' +
  '                    [--ports 587,465,2525,25] [--env-file ./.env] [--send-to ADDR]\n' +
  '                    [--timeout SECONDS] [--mailers] [--yes]\n' +
  '  Finds working SMTP settings for an address: a known provider, else smtp.<domain>,\n' +
  '  mail.<domain> and the MX host, every host and port probed at once for implicit TLS and\n' +
  '  STARTTLS, then the login and MAIL FROM / RCPT TO. Writes only the mail lines of the env file\n' +
  '  (old file kept as .env.bak, mode 0600). Asks what it needs in a terminal; --yes never asks.\n' +
  '  --mailers writes MAILERS (Django 6.1) instead of EMAIL_URL.\n' +
  '  Exit 0 settings written, 1 nothing worked (each candidate says why), 2 wrong usage.';

export interface SetupArgs {
  from: Address | null;
  host: string | undefined;
  user: string | undefined;
  passwordStdin: boolean;
  ports: number[];
  envFile: string;
  sendTo: string | undefined;
  timeoutMs: number;
  mailers: boolean;
  yes: boolean;
}

export function parseSetupArgs(args: string[]): SetupArgs {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      host: { type: 'string' },
      user: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      ports: { type: 'string' },
      'env-file': { type: 'string', default: '.env' },
      'send-to': { type: 'string' },
      timeout: { type: 'string', default: '10' },
      mailers: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 300) {
    throw new UsageError('--timeout: give the seconds the whole probe may take, from 1 to 300.');
  }
  return {
    from: values.from === undefined ? null : mailAddress('--from', values.from),
    host: values.host?.trim() || undefined,
    user: values.user,
    passwordStdin: values['password-stdin'],
    ports: values.ports === undefined ? [...DEFAULT_SETUP_PORTS] : parsePorts(values.ports),
    envFile: values['env-file'],
    sendTo:
      values['send-to'] === undefined
        ? undefined
        : mailAddress('--send-to', values['send-to']).email,
    timeoutMs: timeout * 1000,
    mailers: values.mailers,
    yes: values.yes,
  };
}

function parsePorts(text: string): number[] {
  const ports = text.split(',').map((part) => part.trim());
  const numbers = ports.map(Number);
  if (
    ports.length === 0 ||
    numbers.some((port, i) => !/^\d+$/.test(ports[i] ?? '') || port < 1 || port > 65535)
  ) {
    throw new UsageError(
      `--ports: '${text}' is not a comma-separated list of ports, e.g. 587,465,2525,25.`,
    );
  }
  return [...new Set(numbers)];
}

/** An address as the settings take it: `jane@example.com` or `Jane <jane@example.com>`. */
export function mailAddress(option: string, value: string): Address {
  const parsed = parseAddress(value);
  const email = emailSchema.safeParse(parsed?.email ?? value);
  if (parsed === null || !email.success) {
    const why = email.success
      ? 'Enter a valid email address, like name@example.com.'
      : email.error.issues[0]?.message;
    throw new UsageError(`${option}: ${why} "Name <name@example.com>" works too.`);
  }
  return { ...parsed, email: email.data };
}

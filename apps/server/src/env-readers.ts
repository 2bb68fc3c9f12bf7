/**
 * How each server setting is read and checked (env.ts assembles them): a value that is wrong adds a
 * problem naming the variable and the fix, and the reader returns the default so that every problem
 * is reported at once.
 */
import {
  APPROVABLE_LEVELS,
  approvalLevelsProblem,
  DEFAULT_APPROVAL_REQUIRED_LEVELS,
  emailSchema,
  isLevel,
  type Level,
  passwordSchema,
} from '@rolegate/core';
import { strictBooleanValue } from '@rolegate/mail';
import ipaddr from 'ipaddr.js';

/** Reads a variable (blank counts as unset). */
export type Read = (name: string) => string | undefined;
/** Records a problem with a variable: what is wrong and the fix. */
export type Add = (variable: string, message: string, fix: string) => void;

export const EMAIL_VERIFICATION_MODES = ['required', 'off'] as const;
export type EmailVerification = (typeof EMAIL_VERIFICATION_MODES)[number];

/** One of a fixed set of words, in any case; else a problem naming the choices. */
export function readChoice<Choice extends string>(
  read: Read,
  add: Add,
  name: string,
  what: string,
  choices: readonly Choice[],
  fallback: Choice,
): Choice {
  const value = read(name);
  if (value === undefined) return fallback;
  const choice = choices.find((known) => known === value.toLowerCase());
  if (choice !== undefined) return choice;
  add(name, `'${value}' is not a ${what}.`, `use one of ${choices.join(', ')}.`);
  return fallback;
}

export function readInteger(
  read: Read,
  add: Add,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  const value = read(name);
  if (value === undefined) return fallback;
  if (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value);
  add(
    name,
    `'${value}' is not a whole number from ${min} to ${max}.`,
    `set ${name} to a number like ${fallback}, or leave it unset for ${fallback}.`,
  );
  return fallback;
}

/**
 * `true` would make fastify believe every X-Forwarded-For hop, and the leftmost one is whatever the
 * client wrote: anyone could choose their own rate-limit key. Only a list of our own proxies is safe.
 */
export function readTrustProxy(read: Read, add: Add): false | string[] {
  const value = read('TRUST_PROXY');
  if (value === undefined) return false;
  const fix =
    'list the addresses or CIDR ranges of your own proxies, like TRUST_PROXY=127.0.0.1,10.0.0.0/8, or set it to false.';
  const parsed = strictBooleanValue(value);
  if (parsed === false) return false;
  if (parsed === true) {
    add('TRUST_PROXY', `'${value}' would believe any X-Forwarded-For a client sends.`, fix);
    return false;
  }
  const proxies = value.split(',').map((entry) => entry.trim());
  const wrong = proxies.filter((entry) => !ipaddr.isValid(entry) && !ipaddr.isValidCIDR(entry));
  if (wrong.length > 0) {
    add('TRUST_PROXY', `'${wrong.join("', '")}' is not an IP address or CIDR range.`, fix);
    return false;
  }
  return proxies;
}

export function readEmailVerification(read: Read, add: Add): EmailVerification {
  const value = (read('EMAIL_VERIFICATION') ?? 'required').toLowerCase();
  const mode = EMAIL_VERIFICATION_MODES.find((known) => known === value);
  if (mode !== undefined) return mode;
  add(
    'EMAIL_VERIFICATION',
    `'${read('EMAIL_VERIFICATION')}' is not a verification mode.`,
    'set it to required (accounts work once their address is confirmed) or off.',
  );
  return 'required';
}

export function readApprovalLevels(value: string | undefined, add: Add): readonly Level[] {
  if (value === undefined) return DEFAULT_APPROVAL_REQUIRED_LEVELS;
  if (value.toLowerCase() === 'none') return [];
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  const levels = names.filter(isLevel);
  const unknown = names.filter((name) => !isLevel(name));
  const problem =
    unknown.length > 0
      ? `'${unknown.join("', '")}' is not a level.`
      : approvalLevelsProblem(levels);
  if (problem === null) return levels;
  add(
    'APPROVAL_REQUIRED_LEVELS',
    problem,
    `list levels from ${APPROVABLE_LEVELS.join(', ')} with every level above the lowest one listed (like editor,power), or none.`,
  );
  return DEFAULT_APPROVAL_REQUIRED_LEVELS;
}

export function readAppUrl(value: string, add: Add): { href: string; origin: string } | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    add(
      'APP_URL',
      `'${value}' is not a URL.`,
      'set APP_URL to the public address, like https://rolegate.example.com.',
    );
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    add(
      'APP_URL',
      `'${value}' is not an http(s) URL.`,
      'set APP_URL to an http:// or https:// address.',
    );
    return null;
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    add(
      'APP_URL',
      `'${value}' has a query, fragment or credentials.`,
      'set APP_URL to scheme, host, port and path only.',
    );
    return null;
  }
  return { href: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, origin: url.origin };
}

export function readAdmin(read: Read, passwordValue: string | undefined, add: Add) {
  const email = read('ROLEGATE_ADMIN_EMAIL');
  // A password may begin or end with spaces: take it as given, only a blank one counts as unset.
  const rawPassword = passwordValue?.trim() === '' ? undefined : passwordValue;
  if ((email === undefined) !== (rawPassword === undefined)) {
    const [missing, present] =
      email === undefined
        ? ['ROLEGATE_ADMIN_EMAIL', 'ROLEGATE_ADMIN_PASSWORD']
        : ['ROLEGATE_ADMIN_PASSWORD', 'ROLEGATE_ADMIN_EMAIL'];
    add(
      missing,
      `is unset while ${present} is set.`,
      `set both ROLEGATE_ADMIN_EMAIL and ROLEGATE_ADMIN_PASSWORD, or neither.`,
    );
    return { adminEmail: null, adminPassword: null };
  }
  if (email === undefined || rawPassword === undefined)
    return { adminEmail: null, adminPassword: null };
  const parsedEmail = emailSchema.safeParse(email);
  if (!parsedEmail.success) {
    add(
      'ROLEGATE_ADMIN_EMAIL',
      `'${email}' is not an email address.`,
      "set it to the admin's address, like admin@example.com.",
    );
  }
  const parsedPassword = passwordSchema.safeParse(rawPassword);
  if (!parsedPassword.success) {
    add(
      'ROLEGATE_ADMIN_PASSWORD',
      parsedPassword.error.issues[0]?.message ?? 'is not accepted.',
      'choose a longer password (at least 10 characters).',
    );
  }
  return { adminEmail: parsedEmail.data ?? null, adminPassword: parsedPassword.data ?? null };
}

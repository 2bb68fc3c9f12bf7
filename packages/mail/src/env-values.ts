import { z } from 'zod';
import type { ProblemList } from './settings-error.js';

/** Reads a variable; an empty or blank value counts as unset, as Django's `''` defaults do. */
export function readVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

// Strict on purpose: Django reads `EMAIL_USE_TLS=False` from env as a non-empty string, i.e. true.
const strictBoolean = z.stringbool({
  truthy: ['true', '1', 'yes'],
  falsy: ['false', '0', 'no'],
  case: 'insensitive',
});

/** true/false, 1/0 or yes/no in any case; undefined for anything else. */
export function strictBooleanValue(value: string): boolean | undefined {
  const parsed = strictBoolean.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A boolean setting, strictly: anything but the words above is a problem naming `variable`. */
export function parseBoolean(
  problems: ProblemList,
  variable: string,
  value: string | undefined,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  const parsed = strictBooleanValue(value);
  if (parsed !== undefined) return parsed;
  problems.add(
    variable,
    `'${value}' is not a boolean.`,
    `set ${variable} to true or false (1/0 and yes/no also work), or leave it unset.`,
  );
  return fallback;
}

const portNumber = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(65535));

export function parsePort(
  problems: ProblemList,
  variable: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const parsed = portNumber.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.add(
    variable,
    /^\d+$/.test(value)
      ? `${value} is out of range for a port.`
      : `'${value}' is not a port number.`,
    `set ${variable} to a number from 1 to 65535: usually 587 (STARTTLS), 465 (SSL) or 25.`,
  );
  return fallback;
}

const positiveSeconds = z
  .string()
  .regex(/^\d*\.?\d+$/)
  .transform(Number)
  .pipe(z.number().positive().finite());

/** Seconds (fractions allowed, as Django's float) → milliseconds. */
export function parseTimeoutMs(
  problems: ProblemList,
  variable: string,
  value: string | undefined,
  fallbackMs: number,
): number {
  if (value === undefined) return fallbackMs;
  const parsed = positiveSeconds.safeParse(value);
  if (parsed.success) return Math.max(1, Math.round(parsed.data * 1000));
  problems.add(
    variable,
    `'${value}' is not a positive number of seconds.`,
    `set ${variable} to the seconds to wait for the mail server, e.g. 10; a timeout is required so a dead server cannot hang a worker.`,
  );
  return fallbackMs;
}

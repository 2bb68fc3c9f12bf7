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

/**
 * How one kind of setting is read: the value `text` stands for (undefined when it stands for none),
 * and what to say about a `text` that does not, as the problem and its fix.
 */
interface SettingKind<T> {
  parse: (text: string) => T | undefined;
  refusal: (text: string, variable: string) => [problem: string, fix: string];
}

/**
 * A reader for one kind of setting: the fallback when `value` is unset, its value when it reads,
 * else the fallback and a problem naming `variable`, so every bad setting is reported at once.
 */
function settingReader<T>(kind: SettingKind<T>) {
  return (problems: ProblemList, variable: string, value: string | undefined, fallback: T): T => {
    if (value === undefined) return fallback;
    const parsed = kind.parse(value);
    if (parsed !== undefined) return parsed;
    problems.add(variable, ...kind.refusal(value, variable));
    return fallback;
  };
}

/** A boolean setting, strictly: anything but the words above is a problem naming `variable`. */
export const parseBoolean = settingReader({
  parse: strictBooleanValue,
  refusal: (value, variable) => [
    `'${value}' is not a boolean.`,
    `set ${variable} to true or false (1/0 and yes/no also work), or leave it unset.`,
  ],
});

const portNumber = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(65535));

export const parsePort = settingReader({
  parse: (value) => portNumber.safeParse(value).data,
  refusal: (value, variable) => [
    /^\d+$/.test(value)
      ? `${value} is out of range for a port.`
      : `'${value}' is not a port number.`,
    `set ${variable} to a number from 1 to 65535: usually 587 (STARTTLS), 465 (SSL) or 25.`,
  ],
});

/** Seconds (fractions allowed, as Django's float) → milliseconds, at least 1. */
const positiveSecondsAsMs = z
  .string()
  .regex(/^\d*\.?\d+$/)
  .transform(Number)
  .pipe(z.number().positive().finite())
  .transform((seconds) => Math.max(1, Math.round(seconds * 1000)));

/** A timeout in seconds, read as milliseconds (the fallback is in milliseconds too). */
export const parseTimeoutMs = settingReader({
  parse: (value) => positiveSecondsAsMs.safeParse(value).data,
  refusal: (value, variable) => [
    `'${value}' is not a positive number of seconds.`,
    `set ${variable} to the seconds to wait for the mail server, e.g. 10; a timeout is required so a dead server cannot hang a worker.`,
  ],
});

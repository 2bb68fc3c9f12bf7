import { DEFAULT_MAILER } from './mailers-setting.js';
import type { MailSettings } from './settings.js';
import type { MailerSettings } from './transport.js';

/**
 * A `using` name that no configured mailer has. Thrown before anything connects; it names the
 * mailers that exist, so the fix is one look away.
 */
export class UnknownMailerError extends Error {
  override readonly name = 'UnknownMailerError';
  constructor(
    readonly mailer: string,
    readonly configured: readonly string[],
  ) {
    super(
      `No mailer is named '${mailer}': the configured mailers are ${configured.map((name) => `'${name}'`).join(', ')}. Use one of those names, or add '${mailer}' to MAILERS.`,
    );
  }
}

/** The configured mailers' names, "default" first. */
export function mailerNames(settings: MailSettings): string[] {
  return [DEFAULT_MAILER, ...Object.keys(settings.namedMailers ?? {})];
}

/** The mailer called `name` (default: "default"); throws UnknownMailerError. */
export function mailerSettings(settings: MailSettings, name = DEFAULT_MAILER): MailerSettings {
  if (name === DEFAULT_MAILER) return settings;
  const named = settings.namedMailers;
  const mailer = named !== undefined && Object.hasOwn(named, name) ? named[name] : undefined;
  if (mailer === undefined) throw new UnknownMailerError(name, mailerNames(settings));
  return mailer;
}

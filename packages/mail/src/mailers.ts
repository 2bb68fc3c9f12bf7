import { getMailSettings } from './config.js';
import { type ConnectionOptions, getConnection } from './connection.js';
import type { MailConnection } from './deliverer.js';
import { mailerNames } from './mailer-lookup.js';
import type { MailSettings } from './settings.js';

/**
 * Django 6.1's `mail.mailers`: a new connection to a configured mailer each time it is asked for
 * (`mailers.default`, `mailers.get('bulk')`), as Django hands out a new backend instance. An
 * unknown name throws UnknownMailerError, which lists the configured ones.
 */
export const mailers = {
  /** A connection to the "default" mailer, from the module-level settings. */
  get default(): MailConnection {
    return getConnection(undefined);
  },
  /** A connection to the mailer `name`; `options` as getConnection's (per-call settings, overrides). */
  get(name: string, options: Omit<ConnectionOptions, 'using'> = {}): MailConnection {
    return getConnection(undefined, { ...options, using: name });
  },
  /** The configured mailers' names, "default" first. */
  names(settings: MailSettings = getMailSettings()): string[] {
    return mailerNames(settings);
  },
};

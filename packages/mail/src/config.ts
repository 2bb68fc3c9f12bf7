import { loadMailSettings, type MailSettings } from './settings.js';

// Module-level settings, as Django's `settings`: loaded from process.env on first use unless the
// application configured them first (the server passes its own validated settings at start).
let current: MailSettings | null = null;

export function getMailSettings(): MailSettings {
  current ??= loadMailSettings();
  return current;
}

/** Replaces the module-level settings; `null` goes back to reading process.env on next use. */
export function configureMail(settings: MailSettings | null): void {
  current = settings;
}

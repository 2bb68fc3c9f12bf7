import Bowser from 'bowser';

/**
 * A session's user agent as a person would name the device: "Chrome 131 on Linux", "Safari on
 * iOS 18.1". bowser reads the string (user agents are a maze of historical lies, not worth our own
 * parser); what it cannot name is shown as it came, and a missing one says so.
 */
export function deviceName(userAgent: string | null): string {
  if (!userAgent?.trim()) return 'Unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name && !os.name) return userAgent.slice(0, 80);
  const major = browser.version?.split('.')[0];
  const app = browser.name ? [browser.name, major].filter(Boolean).join(' ') : 'A browser';
  if (!os.name) return app;
  const system = [os.name, os.versionName ?? os.version].filter(Boolean).join(' ');
  return `${app} on ${system}`;
}

import { launchChromium, type TestBrowser, type Viewport } from '@rolegate/testkit/chromium';
import { afterEach, expect } from 'vitest';

export { DESKTOP, PHONE, type TestBrowser } from '@rolegate/testkit/chromium';

/** One browser with its own profile, so each person in a test has their own cookies. */
export function launchBrowser(viewport: Viewport): Promise<TestBrowser> {
  return launchChromium({ viewport });
}

/**
 * The app must work under its own Content-Security-Policy: after each test, anything these browsers
 * refused fails it (and is cleared for the next). Browsers not started yet are skipped.
 */
export function failOnCspViolations(browsers: () => readonly (TestBrowser | undefined)[]): void {
  afterEach(() => {
    const refused = browsers().flatMap((browser) => browser?.cspViolations.splice(0) ?? []);
    expect(refused, JSON.stringify(refused)).toEqual([]);
  });
}

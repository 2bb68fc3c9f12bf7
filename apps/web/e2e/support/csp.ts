import { afterEach, expect } from 'vitest';
import type { TestBrowser } from './browser';

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

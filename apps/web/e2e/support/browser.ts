import { launchChromium, type TestBrowser, type Viewport } from '@rolegate/testkit/chromium';

export { DESKTOP, PHONE, type TestBrowser } from '@rolegate/testkit/chromium';

/** One browser with its own profile, so each person in a test has their own cookies. */
export function launchBrowser(viewport: Viewport): Promise<TestBrowser> {
  return launchChromium({ viewport });
}

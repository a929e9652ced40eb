import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests run wherever Chromium is installed, and must run in CI (`.ci/run` installs it):
 * there, or with ROLEGATE_BROWSER_TESTS=required, a missing browser fails instead of skipping;
 * ROLEGATE_BROWSER_TESTS=skip leaves them out of a run.
 */
export const browserAvailable = !browserSkipped() && existsSync(chromiumPath);
export const browserRequired = !browserSkipped() && (process.env.CI === 'true' || process.env.ROLEGATE_BROWSER_TESTS === 'required');

/** ROLEGATE_BROWSER_TESTS=skip: this run leaves the browser tests to another (CI runs them in one of its two stages). */
function browserSkipped(): boolean {
  return process.env.ROLEGATE_BROWSER_TESTS === 'skip';
}

/** Where tests keep screenshots (git-ignored). */
export const artifactsDirectory = new URL('../../test-artifacts/', import.meta.url);

/**
 * Headless Chromium as root in a sandbox without internet: no background networking, which this
 * machine's closed network would refuse many times over at every start.
 */
export async function launchChromium(): Promise<Browser> {
  if (!browserAvailable) throw new Error(`Chromium is not installed at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH).`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

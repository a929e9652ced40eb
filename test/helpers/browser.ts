import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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

/** A Monaco editor's visible text (Monaco renders spaces as no-break spaces). */
export async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replaceAll('\u00a0', ' ');
}

/** Selects all of a Monaco editor's text and types over it. */
export async function replaceEditorText(tab: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await tab.keyboard.press('ControlOrMeta+A');
  await tab.keyboard.insertText(text);
  // Whatever Monaco closed on its own (a quote, a brace) now follows the cursor.
  await tab.keyboard.press('ControlOrMeta+Shift+End');
  await tab.keyboard.press('Delete');
  // Closes any suggestion list still open over the editor.
  await tab.keyboard.press('Escape');
}

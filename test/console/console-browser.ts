import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoEmail, demoPassword, type DemoLogin } from '../../src/gitclub/demo/demo-cast.js';

/** A console tab for one persona, and what it saw that it should not have. */
export interface ConsoleTab {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests that left the server (refused): the console must make none. */
  readonly offOrigin: string[];
  /** Uncaught errors, console errors and CSP violations. */
  readonly problems: string[];
}

/**
 * Opens the console in a fresh browser context (its own memory: one session per persona), refusing
 * and recording every request to another origin, collecting script errors.
 */
export async function openConsole(browser: Browser, origin: string, viewport = { width: 1280, height: 900 }): Promise<ConsoleTab> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const offOrigin: string[] = [];
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // A 4xx answer is logged by Chromium as an error; the console handles those itself.
    if (message.type() === 'error' && !message.text().includes('status of 4')) problems.push(message.text());
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    offOrigin.push(url.href);
    return route.abort();
  });
  await page.goto(`${origin}/console`);
  return { page, context, offOrigin, problems };
}

/** Signs in on the console's sign-in page as a demo persona and waits for the home page. */
export async function signIn(page: Page, login: DemoLogin): Promise<void> {
  await page.getByLabel('Email').fill(demoEmail(login));
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Opens a console route by its address (a fresh page load would sign out: tokens live in memory). */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((path) => {
    window.history.pushState(null, '', `/console${path}`);
    window.dispatchEvent(new Event('console:navigate'));
  }, route);
}

/** Nothing of the session in storage or cookies: the tokens live in the page's memory only. */
export async function expectNothingStored(tab: ConsoleTab): Promise<void> {
  const stored = await tab.page.evaluate(() => ({
    local: Object.keys(window.localStorage),
    session: Object.keys(window.sessionStorage),
    cookie: document.cookie,
  }));
  expect(stored).toEqual({ local: [], session: [], cookie: '' });
  expect(await tab.context.cookies()).toEqual([]);
}

/** What every journey ends with: no request left the server, no script error. */
export function expectCleanTab(tab: ConsoleTab): void {
  expect(tab.offOrigin).toEqual([]);
  expect(tab.problems).toEqual([]);
}

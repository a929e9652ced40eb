// Signing in and out of the console in headless Chromium, with the keyboard only: tokens live in
// the page's memory (never in storage or cookies), are renewed through refreshToken before the
// access token expires (30 s here, the shortest ACCESS_TOKEN_TTL_SECONDS allows, with no clock skew allowed), and sign-out
// revokes them on the server. Those 30 s pass on two clocks moved ahead together, not in real time:
// the page's (its timers) and the server's (Date, in this process).
import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { browserAvailable, browserRequired, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectCleanTab, expectNothingStored, openConsole } from './console-browser.js';

let api: TestServer;
let browser: Browser;

const operationOf = (request: Request) => {
  if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return undefined;
  return /(?:query|mutation) (\w+)/.exec((JSON.parse(request.postData() ?? '{}') as { query?: string }).query ?? '')?.[1];
};

describe.skipIf(!browserAvailable && !browserRequired)('signing in and out of the console', () => {
  beforeAll(async () => {
    api = await startTestServer({}, { ACCESS_TOKEN_TTL_SECONDS: '30', TOKEN_CLOCK_SKEW_SECONDS: '0' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in with the keyboard, renews the token before it expires, keeps it in memory only, and revokes it on sign-out', async () => {
    const origin = new URL(api.server.url).origin;
    const tab = await openConsole(browser, origin);
    const { page } = tab;
    // Both clocks run on by themselves, and jump ahead when told to (`later`).
    await tab.context.clock.install();
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const later = async (seconds: number) => {
      vi.setSystemTime(Date.now() + seconds * 1000);
      await page.clock.fastForward(seconds * 1000);
    };
    try {
      const operations: string[] = [];
      const bearers: string[] = [];
      page.on('request', (request) => {
        const operation = operationOf(request);
        if (!operation) return;
        operations.push(operation);
        const authorization = request.headers().authorization;
        if (authorization) bearers.push(authorization);
        // Same-origin JSON: what the server's CSRF protection accepts, and no cookie involved.
        expect(request.headers()['content-type']).toBe('application/json');
      });

      // The keyboard alone: Tab to each field, Enter to submit.
      await page.getByRole('heading', { name: 'GitClub console' }).waitFor();
      await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('Email').getAttribute('id'));
      await page.keyboard.type(demoEmail('george'));
      await page.keyboard.press('Tab');
      await page.keyboard.type(demoPassword);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Hello, George' }).waitFor();
      await expectNothingStored(tab);

      // Renewed halfway through the 30 s lifetime, and again: by then the first access token has expired.
      const firstToken = bearers.at(-1);
      for (let renewal = 1; renewal <= 2; renewal++) {
        const renewing = page.waitForResponse((response) => operationOf(response.request()) === 'ConsoleRenewTokens', {
          timeout: 10_000,
        });
        await later(15);
        const renewed = await renewing;
        expect(renewed.status()).toBe(200);
        expect(((await renewed.json()) as { data?: { refreshToken?: unknown } }).data?.refreshToken).toBeTruthy();
      }
      await page.getByRole('link', { name: 'The Beatles' }).click();
      await page.getByRole('heading', { name: 'The Beatles', level: 1 }).waitFor();
      expect(bearers.at(-1)).not.toBe(firstToken);
      expect((await api.send(firstToken, { query: '{ viewer { login } }' })).status).toBe(401);
      await expectNothingStored(tab);

      // Sign-out: the keyboard again, the logout mutation, and the token no longer works.
      const lastToken = bearers.at(-1);
      await page.getByRole('button', { name: 'Sign out' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(operations).toContain('ConsoleSignOut');
      expect((await api.send(lastToken, { query: '{ viewer { login } }' })).status).toBe(401);
      expectCleanTab(tab);
    } finally {
      await tab.context.close();
    }
  }, 90_000);

  it('says why a sign-in was refused, in a sentence', async () => {
    const tab = await openConsole(browser, new URL(api.server.url).origin);
    try {
      await tab.page.getByLabel('Email').fill(demoEmail('george'));
      await tab.page.getByLabel('Password').fill('not-the-password');
      await tab.page.getByRole('button', { name: 'Sign in' }).click();
      const alert = tab.page.getByRole('alert');
      await expect.poll(() => alert.innerText()).toMatch(/^[A-Z].*\.$/);
      expect(await alert.innerText()).not.toContain('UNAUTHENTICATED');
      expect(await tab.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    } finally {
      await tab.context.close();
    }
  }, 30_000);
});
